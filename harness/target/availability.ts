import type { ChaosSpec } from "../drivers/catalog/spec";
import { BUDGET_INVARIANT } from "../checks/budget";
import { unavailable, type Verdict } from "../checks/verdict";
import type { CheckName } from "../checks/registry";
import { SCENARIO_DEFAULTS, type ScenarioSpec } from "../drivers/scenario/spec";
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
 * Why a catalog entry cannot run on this target, or undefined when it can. Its checks judge from what
 * every target exposes (answers, the jobs tables through the jobs adapter, pg_locks, pg_stat_activity),
 * so any module target runs the faults; what stays src/'s own is said per entry.
 */
export function catalogUnavailable(spec: ChaosSpec, target: Target): string | undefined {
  if (target.builtIn) return undefined;
  if (target.kind === "http") {
    // An app you started: the harness reaches its database and its OpenAI calls, not its process or env.
    if (spec.fault.needsProcess) return `${spec.fault.needsProcess}; an HTTP target's process belongs to whoever started it`;
    if (spec.target) return `runs src/'s "${spec.target.label}" (a reference route of src/'s, or one of its settings); your route meets the same fault in the entry that runs src/`;
    if (spec.poolMax !== undefined && spec.poolMax !== 4) return "sets the pool size of the app's process; an HTTP target's pool is the one it was started with";
    if (spec.serverMaxConnections || spec.viaPgBouncer) return `points the app at its database ${spec.viaPgBouncer ? "through PgBouncer" : "on a server of its own"}; an HTTP target keeps the database URL it was started with`;
    if (spec.fault.name === "unlock-fails") return "arms the unlock's failure for sessions opened after it; an HTTP target's pool is already open";
    return undefined;
  }
  if (spec.target) return `runs src/'s "${spec.target.label}" (a reference route of src/'s, or one of its settings); your route meets the same fault in the entry that runs src/`;
  if (spec.poolMax === 1) return "sets src/'s pool to one connection (DATABASE_POOL_MAX); to judge your route at a pool of one, give it a target config whose client is built with max: 1";
  // Without a reset, shared entries run on the one database the app's import-time client was built for.
  if (spec.mode === "shared" && !target.resetModuleState && (spec.serverMaxConnections || spec.viaPgBouncer)) {
    const where = spec.viaPgBouncer ? "through PgBouncer" : "on a server of its own";
    return `points the app at its database ${where}; a client built at import time keeps the run's one database (declare resetModuleState to run it)`;
  }
  if (spec.mode === "shared" && !target.resetModuleState && spec.fault.name === "unlock-fails") {
    return "arms the unlock's failure for sessions opened after it; a client built at import time keeps its pooled sessions across the run (declare resetModuleState to run it)";
  }
  return undefined;
}
