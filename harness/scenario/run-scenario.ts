import { randomBytes } from "node:crypto";
import type { CheckInput } from "../checks/check-input";
import { combine, fail, guarded, pass, type Verdict } from "../checks/verdict";
import type { HarnessContext } from "../context";
import { withPgClient } from "../db/with-client";
import { Gate } from "../gate";
import { CleanupStack } from "../cleanup-stack";
import { History } from "../history";
import { recordAppEvents } from "../instances/app-events";
import { sharedInstance } from "../instances/shared-instance";
import { cronRequest, fireBurst, type Invocation } from "../invoker";
import { OpenAIMock } from "../openai/mock-openai";
import { SeededRandom } from "../random";
import { ROUTES } from "../routes";
import { seedJobs } from "../seed/seed-jobs";
import { applyEnv, appEnv, authorizationHeader, type AppSettings } from "./app-env";
import { CHECKS } from "./checks-registry";
import { collectFigures, type ScenarioFigures } from "./figures";
import { SCENARIO_DEFAULTS, type ScenarioSpec, validateSpec } from "./spec";
import { scenarioSeed } from "./seeds";

export interface ScenarioResult {
  name: string;
  proves: string;
  seed: number;
  timeScale: number;
  status: Verdict["status"];
  verdicts: Verdict[];
  /** The advisory keys the route really asked for, as it reported them. */
  observedLockKeys: string[];
  figures: ScenarioFigures;
  /** Kept only when a failing scenario's database was kept for inspection. */
  keptDatabase?: string;
}

/** If the lock holder is never released any other way, the burst still ends (and the check says unknown). */
const GATE_TIMEOUT_WALL_MS = 15_000;

/** Clone a database, seed it, start the mock and the fault, fire the burst, heal, follow up, check. */
export async function runScenario(spec: ScenarioSpec, context: HarnessContext): Promise<ScenarioResult> {
  validateSpec(spec);
  const seed = scenarioSeed(context.baseSeed, spec.name);
  const random = new SeededRandom(seed);
  const route = ROUTES[spec.route ?? SCENARIO_DEFAULTS.route];
  const cleanup = new CleanupStack();
  let keepDatabase = false;
  let gate: Gate<GateReason> | undefined;
  const database = await context.scratch.clone(spec.name);
  cleanup.defer(() => !keepDatabase && context.scratch.drop(database.name));
  try {
    const settings: AppSettings = {
      databaseUrl: database.url,
      cronSecret: randomBytes(16).toString("hex"),
      auth: spec.auth ?? SCENARIO_DEFAULTS.auth,
      concurrency: spec.concurrency ?? SCENARIO_DEFAULTS.concurrency,
      budgetMs: spec.budgetMs ?? SCENARIO_DEFAULTS.budgetMs,
      safetyBufferMs: spec.safetyBufferMs ?? SCENARIO_DEFAULTS.safetyBufferMs,
      openaiTimeoutMs: spec.openai.timeoutMs ?? SCENARIO_DEFAULTS.openaiTimeoutMs,
      openaiMaxRetries: spec.openai.maxRetries ?? SCENARIO_DEFAULTS.openaiMaxRetries,
    };
    const history = new History();
    const openai = new OpenAIMock({ scale: context.scale, random: random.fork("latency"), history, latency: spec.openai.latency }).listen();
    cleanup.defer(() => openai.close());
    if (spec.openai.faults) openai.use(...spec.openai.faults);
    cleanup.defer(recordAppEvents(history));
    cleanup.defer(applyEnv(appEnv(settings, context.scale)));
    const instance = await sharedInstance(route.module);
    cleanup.defer(() => instance.close());
    cleanup.defer(() => gate?.open("timeout"));

    return await withPgClient(database.url, async (observer) => {
      await seedJobs(observer, random.fork("data"), { count: spec.jobs, poison: spec.poisonJobs });
      const target = { db: observer, openai, history };
      await spec.fault?.start(target);
      if (spec.lockHeldElsewhere) await observer.query("select pg_advisory_lock($1::bigint)", [route.lockKey.toString()]);

      gate = spec.holdLockHolder ? holdLockHolder(openai, history, spec.invocations, settings.concurrency) : undefined;
      const request = () => cronRequest(route.path, authorizationHeader(settings.auth, settings.cronSecret));
      const burst = await fireBurst({
        instance,
        count: spec.invocations,
        request,
        history,
        onSettled: (_, settled) => void (settled >= spec.invocations - 1 && gate?.open("all-others-answered")),
      });
      gate?.open("all-others-answered");

      if (spec.lockHeldElsewhere) await observer.query("select pg_advisory_unlock($1::bigint)", [route.lockKey.toString()]);
      const evidence = await spec.fault?.evidence(target);
      await spec.fault?.heal(target);
      openai.context.gate = undefined;
      const followUps: Invocation[] = spec.followUp
        ? await fireBurst({ instance, count: 1, request, history, firstIndex: spec.invocations })
        : [];

      const input: CheckInput = {
        history,
        burst,
        followUps,
        observer,
        lockKey: route.lockKey,
        scale: context.scale,
        openai: openai.stats,
        settings,
        secretsThatMustNotLeak: [settings.cronSecret, new URL(database.url).password],
        expectedStatus: spec.expectedStatus,
      };
      const verdicts: Verdict[] = [];
      if (spec.fault && evidence) {
        verdicts.push(
          evidence.fired
            ? pass("fault fired", `${spec.fault.name}: ${evidence.detail}`)
            : fail("fault fired", `${spec.fault.name} never fired (${evidence.detail}); the scenario proved nothing`),
        );
      }
      for (const name of spec.checks) verdicts.push(await guarded(name, () => CHECKS[name](input)));
      const status = combine(verdicts.map((v) => v.status));
      keepDatabase = status !== "pass" && context.keepFailedDatabases;
      return {
        name: spec.name,
        proves: spec.proves,
        seed,
        timeScale: context.scale.factor,
        status,
        verdicts,
        observedLockKeys: [...new Set(history.ofType("lock").map((e) => e.key))],
        figures: await collectFigures(input, burst),
        keptDatabase: keepDatabase ? database.name : undefined,
      };
    });
  } finally {
    await cleanup.run();
  }
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
