import { writeFile } from "node:fs/promises";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { formatChaosFailure } from "./format-chaos";
import { formatFailure } from "./format-failure";

export const VERDICTS_SCHEMA_VERSION = 1;

/** One scenario's or catalog entry's outcome, with the failure text the CLI prints for it. */
export interface VerdictEntry {
  name: string;
  /** What it proves (a scenario) or what its fault models (a catalog entry). */
  about: string;
  status: ScenarioResult["status"];
  /** false when the run must fail on it: a scenario that failed or was unknown, a catalog row not as expected. */
  ok: boolean;
  /** The CLI's failure text, when `ok` is false. */
  failure?: string;
  /** Why it could not run on this target. */
  unavailable?: string;
}

/**
 * What `--json <file>` writes: the verdicts alone, in the CLI's words, for a program to read (the
 * programmatic `run` and `cronstorm/vitest` read it; the full report stays in reports/<runId>/).
 */
export interface VerdictsFile {
  tool: "cronstorm";
  schemaVersion: typeof VERDICTS_SCHEMA_VERSION;
  kind: "scenarios" | "catalog";
  exitCode: number;
  baseSeed: number;
  timeScale: number;
  target: string;
  entries: VerdictEntry[];
}

export function scenarioEntry(result: ScenarioResult, targetFlags: string): VerdictEntry {
  const ok = result.status === "pass" || result.status === "unavailable";
  const why = result.status === "unavailable" ? result.verdicts[0]?.detail : undefined;
  return { name: result.name, about: result.proves, status: result.status, ok, ...(ok ? {} : { failure: formatFailure(result, targetFlags) }), ...(why ? { unavailable: why } : {}) };
}

export function catalogEntry(result: ChaosResult, targetFlags: string): VerdictEntry {
  return {
    name: result.name,
    about: result.models,
    status: result.status,
    ok: result.asExpected,
    ...(result.asExpected ? {} : { failure: formatChaosFailure(result, targetFlags) }),
    ...(result.unavailable ? { unavailable: result.unavailable } : {}),
  };
}

export async function writeVerdictsFile(path: string, file: Omit<VerdictsFile, "tool" | "schemaVersion">): Promise<void> {
  const body: VerdictsFile = { tool: "cronstorm", schemaVersion: VERDICTS_SCHEMA_VERSION, ...file };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}
