import type { ChaosSpec } from "../chaos/spec";
import { BUDGET_INVARIANT } from "../checks/budget";
import { unavailable, type Verdict } from "../checks/verdict";
import type { CheckName } from "../scenario/checks-registry";
import { SCENARIO_DEFAULTS, type ScenarioSpec } from "../scenario/spec";
import type { Stage } from "./stage";
import type { Target } from "./target";

/**
 * Why a scenario cannot run on this stage, or undefined when it can. What a target cannot host is
 * reported as an `unavailable` verdict row with this reason, never skipped in silence.
 */
export function scenarioUnavailable(spec: ScenarioSpec, stage: Pick<Stage, "target" | "env">): string | undefined {
  const { target } = stage;
  if (spec.route && spec.route !== SCENARIO_DEFAULTS.route && !target.builtIn) {
    return `exercises src/'s ${spec.route} route; target "${target.name}" declares one route`;
  }
  if (spec.auth === "unset-secret-bearer-undefined" && stage.env.kind === "fixed") {
    return `unsets the app's ${target.env.cronSecret}; an HTTP target keeps the env it was started with`;
  }
  const fault = spec.fault?.unavailableFor?.(target.jobs);
  if (fault) return fault;
  if ((spec.poisonJobs ?? 0) > 0 && !target.jobs.poison) return "seeds poison jobs; the target's jobs adapter has no `poison`";
  return undefined;
}

/** The `unavailable` verdict of a check that cannot judge on this stage, or undefined when it can. */
export function checkUnavailable(check: CheckName, stage: Pick<Stage, "env">): Verdict | undefined {
  if (check === "within-budget" && stage.env.kind === "fixed" && !stage.env.settings) {
    return unavailable(BUDGET_INVARIANT, "the app's time budget is the env you started it with, not one the harness set");
  }
  return undefined;
}

/**
 * The fault catalog drives src/: its checks read src/'s diagnostics events (the lock, run and job
 * timeline) and tables, and several entries compare src/ with known-bad references. On any other
 * target each entry is reported unavailable, with what it would need.
 */
export function catalogUnavailable(spec: ChaosSpec, target: Target): string | undefined {
  if (target.builtIn) return undefined;
  if (target.kind === "http") {
    if (spec.mode === "isolated") {
      const act = spec.fault.needsProcess ?? "runs each serverless instance as a process the harness starts";
      return `${act}; an HTTP target's process belongs to whoever started it`;
    }
    return "runs the route inside the harness's process (its pool size, env and diagnostics events); an HTTP target runs in a process of its own";
  }
  return "the catalog's checks read src/'s diagnostics events (cronstorm-app:*) and tables; it runs against the built-in src/ target";
}
