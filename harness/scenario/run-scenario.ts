import { proceeded } from "../checks/bodies";
import { buildTimeline, type Timeline } from "../report/timeline";
import type { CheckInput } from "../checks/check-input";
import { LEFT_BEHIND_INVARIANT, nothingLeftBehind } from "../checks/nothing-left-behind";
import { routeNeverRan } from "../checks/route-ran";
import { combine, fail, guarded, pass, unavailable, type Verdict } from "../checks/verdict";
import type { HarnessContext } from "../context";
import { databaseClockSkew } from "../db/clock-skew";
import { sampleLockHolders } from "../db/lock-sampler";
import { callAdvisory } from "../db/pg-locks";
import { withPgClient } from "../db/with-client";
import type { FaultTarget } from "../faults/fault";
import { Gate } from "../gate";
import { CleanupStack } from "../cleanup-stack";
import { History } from "../history";
import { cronRequest, fireBurst, type Invocation } from "../invoker";
import { OpenAIMock } from "../openai/mock-openai";
import { SeededRandom } from "../random";
import { ROUTES } from "../routes";
import { checkUnavailable, scenarioUnavailable } from "../target/availability";
import { moduleStage } from "../target/module-stage";
import { srcTarget } from "../target/src-target";
import type { Stage } from "../target/stage";
import { authorizationHeader, type AppSettings } from "./app-env";
import { CHECKS } from "./checks-registry";
import { collectFigures, NO_FIGURES, type ScenarioFigures } from "./figures";
import { SCENARIO_DEFAULTS, type ScenarioSpec, validateSpec } from "./spec";
import { scenarioSeed } from "./seeds";

export interface ScenarioResult {
  name: string;
  proves: string;
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

/** If the lock holder is never released any other way, the burst still ends (and the check says unknown). */
const GATE_TIMEOUT_WALL_MS = 15_000;

/**
 * Clone a database, seed it, start the mock and the fault, fire the burst, heal, follow up, check. The
 * stage says what the target is and how it runs (default: src/ in this process); a scenario the target
 * cannot host answers `unavailable` with the reason.
 */
export async function runScenario(spec: ScenarioSpec, context: HarnessContext, stage: Stage = moduleStage(srcTarget(), context.scratch, "shared")): Promise<ScenarioResult> {
  validateSpec(spec);
  const seed = scenarioSeed(context.baseSeed, spec.name);
  const random = new SeededRandom(seed);
  const why = scenarioUnavailable(spec, stage);
  if (why) return unavailableResult(spec, seed, context, why);
  const routeName = spec.route ?? SCENARIO_DEFAULTS.route;
  // src/'s sibling routes are other targets of the built-in app; any other target is its own one route.
  const target = routeName === SCENARIO_DEFAULTS.route ? stage.target : srcTarget(routeName);
  const cleanup = new CleanupStack();
  let keepDatabase = false;
  let gate: Gate<GateReason> | undefined;
  const database = await stage.database(spec.name, cleanup, () => keepDatabase);
  try {
    // An app started with a fixed env runs with its own settings; judge it by those when they are known.
    const fixed = stage.env.kind === "fixed" ? stage.env.settings : undefined;
    const settings: AppSettings = {
      databaseUrl: database.url,
      cronSecret: stage.cronSecret(),
      auth: spec.auth ?? SCENARIO_DEFAULTS.auth,
      concurrency: fixed?.concurrency ?? spec.concurrency ?? SCENARIO_DEFAULTS.concurrency,
      budgetMs: fixed?.budgetMs ?? spec.budgetMs ?? SCENARIO_DEFAULTS.budgetMs,
      safetyBufferMs: fixed?.safetyBufferMs ?? spec.safetyBufferMs ?? SCENARIO_DEFAULTS.safetyBufferMs,
      openaiTimeoutMs: fixed?.openaiTimeoutMs ?? spec.openai.timeoutMs ?? SCENARIO_DEFAULTS.openaiTimeoutMs,
      openaiMaxRetries: fixed?.openaiMaxRetries ?? spec.openai.maxRetries ?? SCENARIO_DEFAULTS.openaiMaxRetries,
    };
    const history = new History();
    const openai = new OpenAIMock({ scale: context.scale, random: random.fork("latency"), history, latency: spec.openai.latency });
    if (spec.openai.faults) openai.use(...spec.openai.faults);
    const instance = await stage.start({ target, settings, scale: context.scale, history, openai, cleanup, invocations: spec.invocations });
    cleanup.defer(() => gate?.open("timeout"));

    return await withPgClient(database.url, async (observer) => {
      await target.jobs.seed(observer, { count: spec.jobs, poison: spec.poisonJobs ?? 0, seed: random.fork("data").seed });
      const faultTarget: FaultTarget = { db: observer, openai, history, jobs: target.jobs };
      await spec.fault?.start(faultTarget);
      if (spec.lockHeldElsewhere) await callAdvisory(observer, "pg_advisory_lock", target.lockKey);
      const lockSampler = sampleLockHolders(observer, target.lockKey, history);
      cleanup.defer(() => lockSampler.stop());

      // An app you started reports no concurrency: assume the scenario's. A lock-less app then opens the
      // gate once more calls wait than one run makes (exactly-one can say fail) instead of holding every
      // run until the timeout (unknown). An app running more calls at once than that has its winner
      // released early: a shorter hold, in which a late invocation could find the lock already free.
      gate = spec.holdLockHolder ? holdLockHolder(openai, history, spec.invocations, settings.concurrency) : undefined;
      const request = (index: number) => cronRequest(ROUTES[routeName].path, authorizationHeader(settings.auth, settings.cronSecret, index));
      // A target that reports no lock events is judged by the keys pg_locks shows: one sample is taken
      // while the winner surely holds its lock (waiting at the gate), beside the sampler's own.
      const releaseHolder = async () => {
        await lockSampler.sampleNow();
        gate?.open("all-others-answered");
      };
      const burst = await fireBurst({
        instance,
        count: spec.invocations,
        request,
        history,
        onSettled: (_, settled) => void (settled === spec.invocations - 1 && gate && releaseHolder()),
      });
      gate?.open("all-others-answered");

      if (spec.lockHeldElsewhere) await callAdvisory(observer, "pg_advisory_unlock", target.lockKey);
      const evidence = await spec.fault?.evidence(faultTarget);
      await spec.fault?.heal(faultTarget);
      openai.context.gate = undefined;
      const followUps: Invocation[] = spec.followUp
        ? await fireBurst({ instance, count: 1, request, history, firstIndex: spec.invocations })
        : [];
      await lockSampler.stop();

      const input: CheckInput = {
        history,
        burst,
        followUps,
        observer,
        jobs: target.jobs,
        lockKey: target.lockKey,
        scale: context.scale,
        openai: openai.stats,
        settings,
        secretsThatMustNotLeak: [settings.cronSecret, new URL(database.url).password],
        clockSkewMs: await databaseClockSkew(observer),
        expectedStatus: spec.expectedStatus,
      };
      const verdicts: Verdict[] = [];
      // A route that never got as far as its lock explains every failure after it, so it is listed first.
      if (settings.auth === "valid" && spec.expectedStatus === undefined) {
        const attempts = (await target.jobs.readAttempts(observer).catch(() => [])).length;
        const neverRan = routeNeverRan({ burst, history, attempts, databaseName: database.name, mode: stage.mode });
        if (neverRan) verdicts.push(neverRan);
      }
      // The gate holds the winner through its OpenAI calls; an app whose calls never reach the mock (its
      // base URL env is not the bridge) was never held, and a burst that "passed" would prove nothing.
      if (gate && spec.jobs > 0 && openai.stats.requests === 0 && burst.some(proceeded)) {
        verdicts.push(fail("OpenAI calls reach the mock", `a run proceeded but made no OpenAI call the harness saw: does the app's ${target.env.openaiBaseUrl} point at the harness's bridge?`));
      }
      if (spec.fault && evidence) {
        verdicts.push(
          evidence.fired
            ? pass("fault fired", `${spec.fault.name}: ${evidence.detail}`)
            : fail("fault fired", `${spec.fault.name} never fired (${evidence.detail}); the scenario proved nothing`),
        );
      }
      for (const name of spec.checks) {
        verdicts.push(checkUnavailable(name, stage) ?? (await guarded(name, () => CHECKS[name](input))));
      }
      // Last, with the app's instance closed as a scenario's end closes it: anything still on the
      // database is a leak that dropping it `with (force)` would otherwise hide.
      const figures = await collectFigures(input, burst);
      await instance.close();
      verdicts.push(await guarded(LEFT_BEHIND_INVARIANT, () => nothingLeftBehind(observer, stage)));
      const status = combine(verdicts.map((v) => v.status));
      // A fixed-env app has one database, which the next scenario re-creates: it cannot be kept, so it is
      // never reported kept (the CLI refuses --keep-db for such a target up front).
      keepDatabase = (status === "fail" || status === "unknown") && context.keepFailedDatabases && stage.env.kind === "per-scenario";
      const reportedKeys = history.ofType("lock").map((e) => e.key);
      return {
        name: spec.name,
        proves: spec.proves,
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
  } finally {
    await cleanup.run();
  }
}

function unavailableResult(spec: ScenarioSpec, seed: number, context: HarnessContext, why: string): ScenarioResult {
  return {
    name: spec.name,
    proves: spec.proves,
    seed,
    timeScale: context.scale.factor,
    status: "unavailable",
    verdicts: [unavailable("scenario", why)],
    observedLockKeys: [],
    figures: NO_FIGURES,
  };
}

/**
 * The burst's winner must still hold the lock when the others try, or a late invocation could
 * legitimately take it after release. Its OpenAI calls wait at a gate that opens when all others have
 * answered, or at once when more calls wait than one run's concurrency allows (several runs got in).
 */
function holdLockHolder(openai: OpenAIMock, history: History, invocations: number, concurrency: number): Gate<GateReason> {
  const gate: Gate<GateReason> = new Gate<GateReason>({
    onWaiter: (waiters) => waiters > concurrency && gate.open("several-runs-working"),
    onOpen: (opened) => history.append({ type: "gate", at: Date.now(), opened }),
    timeout: { ms: GATE_TIMEOUT_WALL_MS, reason: "timeout" },
  });
  if (invocations <= 1) gate.open("all-others-answered");
  openai.context.gate = gate;
  return gate;
}

type GateReason = "all-others-answered" | "several-runs-working" | "timeout";
