import { LEFT_BEHIND_INVARIANT, nothingLeftBehind } from "../../checks/nothing-left-behind";
import { combine, guarded } from "../../checks/verdict";
import { type ScenarioResult, unavailableResult } from "./scenario-result";
import type { HarnessContext } from "../../context";
import { sampleLockHolders } from "../../db/lock-sampler";
import { callAdvisory } from "../../db/pg-locks";
import type { FaultTarget } from "../../faults/fault";
import { fireBurst, type Invocation } from "../../invoker";
import { buildTimeline } from "../../report/timeline";
import { ROUTES } from "../../target/routes";
import { scenarioUnavailable } from "../../target/availability";
import { moduleStage } from "../../target/module-stage";
import { srcTarget } from "../../target/src-target";
import type { Stage } from "../../target/stage";
import { trialCheckInput } from "../../trial/check-input";
import { type TrialPlan, withTrial } from "../../trial/trial";
import { holdLockHolder } from "./hold-lock-holder";
import { judgeBurst } from "./judge-burst";
import { collectFigures } from "./figures";
import { scenarioSeed } from "../../trial/seeds";
import { SCENARIO_DEFAULTS, type ScenarioSpec, validateSpec } from "./spec";

/**
 * Clone a database, seed it, start the mock and the fault, fire the burst, heal, follow up, check. The
 * stage says what the target is and how it runs (default: src/ in this process); a scenario the target
 * cannot host answers `unavailable` with the reason.
 */
export async function runScenario(spec: ScenarioSpec, context: HarnessContext, stage: Stage = moduleStage(srcTarget(), context.scratch, "shared")): Promise<ScenarioResult> {
  validateSpec(spec);
  const seed = scenarioSeed(context.baseSeed, spec.name);
  const why = scenarioUnavailable(spec, stage);
  if (why) return unavailableResult(spec, seed, context, why);
  const routeName = spec.route ?? SCENARIO_DEFAULTS.route;
  let keepDatabase = false;
  const plan: TrialPlan = {
    label: spec.name,
    seed,
    scale: context.scale,
    // src/'s sibling routes are other targets of the built-in app; any other target is its own one route.
    target: routeName === SCENARIO_DEFAULTS.route ? stage.target : srcTarget(routeName),
    path: ROUTES[routeName].path,
    run: {
      auth: spec.auth,
      concurrency: spec.concurrency,
      budgetMs: spec.budgetMs,
      safetyBufferMs: spec.safetyBufferMs,
      openaiTimeoutMs: spec.openai.timeoutMs,
      openaiMaxRetries: spec.openai.maxRetries,
    },
    openai: spec.openai,
    invocations: spec.invocations,
    keep: () => keepDatabase,
  };
  return withTrial(stage, plan, async (trial) => {
    const { instance } = await trial.start();
    const { history, openai, observer, target, settings, database } = trial;
    await trial.seedJobs(spec.jobs, "data", spec.poisonJobs ?? 0);
    const faultTarget: FaultTarget = { observer, openai, history, jobs: target.jobs };
    await spec.fault?.start(faultTarget);
    if (spec.lockHeldElsewhere) await callAdvisory(observer, "pg_advisory_lock", target.lockKey);
    const lockSampler = sampleLockHolders(observer, target.lockKey, history);
    trial.cleanup.defer(() => lockSampler.stop());

    // An app you started reports no concurrency: assume the scenario's. A lock-less app then opens the
    // gate once more calls wait than one run makes (exactly-one can say fail) instead of holding every
    // run until the timeout (unknown). An app running more calls at once than that has its winner
    // released early: a shorter hold, in which a late invocation could find the lock already free.
    const gate = spec.holdLockHolder ? holdLockHolder(openai, history, spec.invocations, settings.concurrency) : undefined;
    trial.cleanup.defer(() => gate?.open("timeout"));
    // A target that reports no lock events is judged by the keys pg_locks shows: one sample is taken
    // while the winner surely holds its lock (waiting at the gate), beside the sampler's own.
    const releaseHolder = async () => {
      await lockSampler.sampleNow();
      gate?.open("all-others-answered");
    };
    // The stage bounds the instance: an app that never answers (deadlocked on its own pool) ends as
    // unknown outcomes, not a hung run.
    const burst = await fireBurst({
      instance,
      count: spec.invocations,
      request: trial.request,
      history,
      onSettled: (_, settled) => void (settled === spec.invocations - 1 && gate && releaseHolder()),
    });
    gate?.open("all-others-answered");

    if (spec.lockHeldElsewhere) await callAdvisory(observer, "pg_advisory_unlock", target.lockKey);
    const evidence = await spec.fault?.evidence(faultTarget);
    await spec.fault?.heal(faultTarget);
    openai.context.gate = undefined;
    const followUps: Invocation[] = spec.followUp ? await fireBurst({ instance, count: 1, request: trial.request, history, firstIndex: spec.invocations }) : [];
    await lockSampler.stop();

    const input = await trialCheckInput(trial, burst, followUps, spec.expectedStatus);
    const verdicts = await judgeBurst(spec, trial, input, evidence);
    // Last, with the app's instance closed as a scenario's end closes it: anything still on the
    // database is a leak that dropping it `with (force)` would otherwise hide.
    const figures = await collectFigures(input, burst);
    await instance.close();
    verdicts.push(await guarded(LEFT_BEHIND_INVARIANT, () => nothingLeftBehind(observer, stage)));
    const status = combine(verdicts.map((v) => v.status));
    // A fixed-env app has one database, which the next scenario re-creates: it cannot be kept, so it is
    // never reported kept (the CLI refuses --keep-db for such a target up front).
    keepDatabase = (status === "fail" || status === "unknown") && context.keepFailedDatabases && stage.appDatabase === "per-scenario";
    const reportedKeys = history.ofType("lock").map((e) => e.key);
    return {
      name: spec.name,
      proves: spec.proves,
      baseSeed: context.baseSeed,
      seed,
      timeScale: context.scale.factor,
      status,
      verdicts,
      observedLockKeys: [...new Set(reportedKeys.length > 0 ? reportedKeys : history.ofType("pg-locks").flatMap((e) => e.keys))],
      figures,
      gateOpened: history.ofType("gate")[0]?.opened,
      keptDatabase: keepDatabase ? database.name : undefined,
      timeline: buildTimeline(history, context.scale.factor, status === "fail"),
    };
  });
}
