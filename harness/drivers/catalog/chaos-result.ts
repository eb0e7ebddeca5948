import { proceeded } from "../../checks/bodies";
import type { CheckName } from "../../checks/registry";
import type { Verdict } from "../../checks/verdict";
import type { Invocation } from "../../invoker";
import type { Timeline } from "../../report/timeline";
import type { ChaosSpec } from "./spec";

export interface ChaosResult {
  name: string;
  fault: string;
  models: string;
  target: string;
  mode: ChaosSpec["mode"];
  expect: ChaosSpec["expect"];
  /** The run's base seed (what --seed and CRONSTORM_SEED set); `seed` derives from it and the name. */
  baseSeed: number;
  seed: number;
  timeScale: number;
  status: Verdict["status"];
  /** Why, when the target's config declares this entry's outcome (its `knownBreaks` or `knownSurvives`). */
  known?: string;
  /** Whether the outcome is the expected one: survives → pass, breaks → a detected failure. */
  asExpected: boolean;
  verdicts: Verdict[];
  /** Why the entry could not run on the chosen target (status "unavailable"); absent when it ran. */
  unavailable?: string;
  figures: { ticks: number; invocations: number; proceeded: number; locked: number; errors: number; unknown: number };
  /** What happened when, for report.html; absent when the entry could not run. */
  timeline?: Timeline;
}

/**
 * Whether an entry came out as expected. `survives`: every verdict passes. `breaks`: the fault fired and
 * an invariant caught the breakage; with `caughtBy` (a declared known break), only checks among those (a
 * weakness can show in several, e.g. a leaked lock in lock-free or starvation, depending on the draw),
 * so a new breakage is never hidden behind an accepted one; one declared `intermittent` may also survive.
 * `verdicts[0]` is "fault fired".
 */
export function entryAsExpected(entry: { expect: ChaosSpec["expect"]; caughtBy?: readonly CheckName[]; intermittent?: boolean; verdicts: Verdict[]; failing: readonly CheckName[] }): boolean {
  const [fired, ...invariants] = entry.verdicts;
  const survived = entry.verdicts.every((v) => v.status === "pass");
  if (entry.expect === "survives" || (entry.intermittent && survived)) return survived;
  if (fired?.status !== "pass" || !invariants.some((v) => v.status === "fail")) return false;
  const { caughtBy, failing } = entry;
  return !caughtBy || failing.every((c) => caughtBy.includes(c));
}

/** How the entry's invocations answered: the catalog table's counts. */
export function figuresOf(results: Invocation[], ticks: number): ChaosResult["figures"] {
  const body = (i: Invocation) => i.body as { skipped?: boolean; success?: boolean } | undefined;
  return {
    ticks,
    invocations: results.length,
    proceeded: results.filter(proceeded).length,
    locked: results.filter((i) => body(i)?.skipped === true).length,
    errors: results.filter((i) => i.status !== undefined && i.status >= 500).length,
    unknown: results.filter((i) => i.status === undefined).length,
  };
}
