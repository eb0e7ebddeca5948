import { unavailable, type Verdict } from "../../checks/verdict";
import type { HarnessContext } from "../../context";
import type { Timeline } from "../../report/timeline";
import { NO_FIGURES, type ScenarioFigures } from "./figures";
import type { GateReason } from "./hold-lock-holder";
import type { ScenarioSpec } from "./spec";

export interface ScenarioResult {
  name: string;
  proves: string;
  /** The run's base seed (what --seed and CRONSTORM_SEED set); `seed` derives from it and the name. */
  baseSeed: number;
  seed: number;
  timeScale: number;
  status: Verdict["status"];
  verdicts: Verdict[];
  /** The advisory keys the route really asked for, as it reported them (else as pg_locks showed them). */
  observedLockKeys: string[];
  figures: ScenarioFigures;
  /** Why the gate holding the burst's winner opened, for scenarios that hold it. */
  gateOpened?: GateReason;
  /** Kept only when a failing scenario's database was kept for inspection. */
  keptDatabase?: string;
  /** What happened when, for report.html; absent when the scenario could not run. */
  timeline?: Timeline;
}


/** A scenario the target cannot host: one `unavailable` verdict with the reason, and nothing started. */
export function unavailableResult(spec: ScenarioSpec, seed: number, context: HarnessContext, why: string): ScenarioResult {
  return {
    name: spec.name,
    proves: spec.proves,
    baseSeed: context.baseSeed,
    seed,
    timeScale: context.scale.factor,
    status: "unavailable",
    verdicts: [unavailable("scenario", why)],
    observedLockKeys: [],
    figures: NO_FIGURES,
  };
}
