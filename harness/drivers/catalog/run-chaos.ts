import { type CheckName, CHECKS } from "../../checks/registry";
import { combine, fail, guarded, pass, type Verdict } from "../../checks/verdict";
import type { HarnessContext } from "../../context";
import { sampleLockHolders } from "../../db/lock-sampler";
import type { PgBouncer } from "../../db/pgbouncer";
import type { ScratchDatabases } from "../../db/scratch";
import { buildTimeline } from "../../report/timeline";
import { scenarioSeed } from "../../trial/seeds";
import { moduleStage } from "../../target/module-stage";
import { knownOutcome } from "../../target/known-outcomes";
import type { Stage } from "../../target/stage";
import type { Target } from "../../target/target";
import { type Trial, type TrialPlan, withTrial } from "../../trial/trial";
import { trialCheckInput } from "../../trial/check-input";
import { catalogTarget } from "./catalog-target";
import { type ChaosResult, entryAsExpected, figuresOf } from "./chaos-result";
import { fireTicks } from "./cron-ticks";
import { openDedicatedServer } from "./dedicated-server";
import type { ChaosSpec } from "./spec";
import { withPgBouncer } from "./with-pgbouncer";
import type { ChaosWorld } from "../../faults/catalog-world";

/** A target other than src/, with the scratch databases of its schema. */
export interface CatalogTarget {
  target: Target;
  scratch: ScratchDatabases;
  /**
   * The run's one stage for what cannot get a database per entry: an HTTP target (required), or a module
   * target whose client is built at import time (no resetModuleState) in shared mode, whose database stays
   * fixed across entries. The caller closes it after the run.
   */
  sharedStage?: Stage;
}

const CRON_INTERVAL_MS = 60_000;

/**
 * The catalog's driver: cron ticks through a nemesis. Ticks fire every production minute while the fault
 * acts, then until every job is terminal; then the invariants judge the whole history.
 */
export async function runChaos(spec: ChaosSpec, context: HarnessContext, on?: CatalogTarget): Promise<ChaosResult> {
  const seed = scenarioSeed(context.baseSeed, spec.name);
  const target = catalogTarget(spec, on?.target);
  // What the app's config has accepted about this entry, if anything: the catalog expects exactly that.
  const known = target.builtIn ? undefined : knownOutcome(target, spec.name);
  const dedicated = spec.serverMaxConnections ? await openDedicatedServer(spec.serverMaxConnections, (url) => target.jobs.migrate(url)) : undefined;
  try {
    const scratch = dedicated?.scratch ?? on?.scratch ?? context.scratch;
    let keepDatabase = false;
    let bouncer: PgBouncer | undefined;
    const plan: TrialPlan = {
      label: spec.name,
      seed,
      scale: context.scale,
      run: { concurrency: spec.concurrency ?? 4, openaiTimeoutMs: spec.openai.timeoutMs, openaiMaxRetries: spec.openai.maxRetries },
      openai: spec.openai,
      invocations: spec.deliveries ?? 1,
      instances: spec.mode === "isolated" ? (spec.instances ?? 3) : undefined,
      appDatabaseUrl: spec.viaPgBouncer
        ? async (database, cleanup) => {
            bouncer = await withPgBouncer(scratch.server.url(), cleanup, spec.pgBouncerPoolSize ?? 2);
            return bouncer.url(database.name);
          }
        : undefined,
      // With --keep-db an unexpected verdict leaves the database for inspection (a dedicated server cannot).
      keep: () => keepDatabase && !dedicated,
    };
    const stage = stageFor(spec, target, scratch, on, dedicated !== undefined);
    return await withTrial(stage, plan, async (trial) => {
      const result = await driveTicks(known ? { ...spec, expect: known.expect } : spec, trial, bouncer, known);
      keepDatabase = !result.asExpected && context.keepFailedDatabases;
      return { ...result, baseSeed: context.baseSeed, ...(known ? { known: known.why } : {}) };
    });
  } finally {
    await dedicated?.close();
  }
}

/**
 * `known`: a declared break's checks (only those may fail) and whether it may also survive; without it a
 * "breaks" entry is as expected when any invariant fails.
 */
function stageFor(spec: ChaosSpec, target: Target, scratch: ScratchDatabases, on: CatalogTarget | undefined, ownServer: boolean): Stage {
  if (target.kind === "http") {
    if (!on?.sharedStage) throw new Error("cronstorm: the catalog reaches an HTTP target through its stage");
    return on.sharedStage;
  }
  return spec.mode === "shared" && on?.sharedStage && !ownServer ? on.sharedStage : moduleStage(target, scratch, spec.mode);
}

async function driveTicks(spec: ChaosSpec, trial: Trial, bouncer: PgBouncer | undefined, known?: { caughtBy?: readonly CheckName[]; intermittent?: boolean }): Promise<Omit<ChaosResult, "baseSeed">> {
  const { history, observer, scale } = trial;
  await trial.seedJobs(spec.jobs, "data");
  const world: ChaosWorld = {
    history,
    observer,
    jobs: trial.target.jobs,
    databaseUrl: trial.database.url,
    databaseName: trial.database.name,
    openai: trial.openai,
    instances: [],
    invocations: [],
    scale,
    random: trial.random.fork("faults"),
    lockKey: trial.target.lockKey,
    intervalMs: CRON_INTERVAL_MS,
    poolSize: trial.target.builtIn ? (spec.poolMax ?? 4) : undefined,
    pgbouncer: bouncer,
  };
  await spec.fault.prepare?.(world);
  world.instances = [...(await trial.start()).members];
  const lockSampler = sampleLockHolders(observer, world.lockKey, history);
  trial.cleanup.defer(() => lockSampler.stop());

  const { nemesisError, ticks } = await fireTicks(spec, trial, world);
  await lockSampler.stop();

  const evidence = await spec.fault.evidence(world);
  const verdicts: Verdict[] = [
    nemesisError
      ? fail("fault fired", `${spec.fault.name} could not act: ${nemesisError.message}`)
      : evidence.fired
        ? pass("fault fired", evidence.detail)
        : fail("fault fired", `${spec.fault.name} never fired (${evidence.detail}); the scenario proved nothing`),
  ];
  const input = await trialCheckInput(trial, world.invocations);

  const failing: CheckName[] = [];
  for (const name of spec.checks) {
    const verdict = await guarded(name, () => CHECKS[name](input));
    if (verdict.status === "fail") failing.push(name);
    verdicts.push(verdict);
  }
  const status = combine(verdicts.map((v) => v.status));
  return {
    name: spec.name,
    fault: spec.fault.name,
    models: spec.fault.models,
    target: trial.target.builtIn ? (spec.target?.label ?? "src") : trial.target.name,
    mode: spec.mode,
    expect: spec.expect,
    seed: trial.seed,
    timeScale: scale.factor,
    status,
    asExpected: entryAsExpected({ expect: spec.expect, caughtBy: known?.caughtBy, intermittent: known?.intermittent, verdicts, failing }),
    verdicts,
    figures: figuresOf(world.invocations, ticks),
    timeline: buildTimeline(history, scale.factor, status === "fail"),
  };
}

