import { randomBytes } from "node:crypto";
import { PHASE_94C } from "../scenario/spec";
import { buildTimeline, type Timeline } from "../report/timeline";
import { proceeded } from "../checks/bodies";
import { combine, fail, guarded, pass, type Verdict } from "../checks/verdict";
import type { HarnessContext } from "../context";
import { startEmbeddedServer } from "../db/embedded-server";
import { sampleLockHolders } from "../db/lock-sampler";
import { ScratchDatabases } from "../db/scratch";
import { withPgClient } from "../db/with-client";
import { CleanupStack } from "../cleanup-stack";
import { History } from "../history";
import type { AppInstance } from "../instances/app-instance";
import { type IsolatedInstance, startIsolatedInstance } from "../instances/isolated-instance";
import { recordAppEvents } from "../instances/app-events";
import { sharedInstance } from "../instances/shared-instance";
import { cronRequest, invokeOnce, type Invocation } from "../invoker";
import { serveHandlersOverHttp } from "../openai/http-bridge";
import { OpenAIMock } from "../openai/mock-openai";
import { SeededRandom } from "../random";
import { ROUTES } from "../routes";
import { applyEnv, appEnv, authorizationHeader, type AppSettings } from "../scenario/app-env";
import { scenarioSeed } from "../scenario/seeds";
import { openJobCount } from "../seed/open-jobs";
import { seedJobs } from "../seed/seed-jobs";
import { srcJobs } from "../target/adapters";
import { bigintLockKey } from "../target/lock-key";
import { CHAOS_CHECKS } from "./checks/registry";
import { CronClock } from "./cron-clock";
import type { ChaosSpec } from "./spec";
import type { ChaosWorld } from "./world";
import { withPgBouncer } from "./with-pgbouncer";

export interface ChaosResult {
  name: string;
  fault: string;
  models: string;
  target: string;
  mode: ChaosSpec["mode"];
  expect: ChaosSpec["expect"];
  seed: number;
  timeScale: number;
  status: Verdict["status"];
  /** Whether the outcome is the expected one: survives → pass, breaks → a detected failure. */
  asExpected: boolean;
  verdicts: Verdict[];
  /** Why the entry could not run on the chosen target (status "unavailable"); absent when it ran. */
  unavailable?: string;
  figures: { ticks: number; invocations: number; proceeded: number; locked: number; errors: number; unknown: number };
  /** What happened when, for report.html; absent when the entry could not run. */
  timeline?: Timeline;
}

const CRON_INTERVAL_MS = 60_000;
/** Ticks fired past faultTicks while the fault has not finished acting. */
const MAX_EXTRA_FAULT_TICKS = 10;
/** Bound on waiting for the fault's trigger and on the last invocations after the final tick. */
const SETTLE_TIMEOUT_WALL_MS = 30_000;

export async function runChaos(spec: ChaosSpec, context: HarnessContext): Promise<ChaosResult> {
  const seed = scenarioSeed(context.baseSeed, spec.name);
  const random = new SeededRandom(seed);
  const route = ROUTES["background-jobs"];
  // A fault about max_connections needs a server whose limit it can exhaust: a small one of its own.
  const cleanup = new CleanupStack();
  let keepDatabase = false;
  const dedicated = spec.serverMaxConnections ? await openDedicatedServer(spec.serverMaxConnections) : undefined;
  if (dedicated) cleanup.defer(() => dedicated.close());
  const scratch = dedicated?.scratch ?? context.scratch;
  const history = new History();
  const openai = new OpenAIMock({ scale: context.scale, random: random.fork("latency"), history, latency: spec.openai.latency }).listen();
  if (spec.openai.faults) openai.use(...spec.openai.faults);
  cleanup.defer(() => openai.close());
  try {
    const database = await scratch.clone(spec.name);
    // With --keep-db an unexpected verdict leaves the database for inspection (a dedicated server cannot).
    cleanup.defer(() => (keepDatabase && !dedicated ? undefined : scratch.drop(database.name)));
    return await withPgClient(database.url, async (observer) => {
      await seedJobs(observer, random.fork("data"), { count: spec.jobs });
      const bouncer = spec.viaPgBouncer ? await withPgBouncer(scratch.server.url(), cleanup, spec.pgBouncerPoolSize ?? 2) : undefined;
      const settings: AppSettings = {
        databaseUrl: bouncer ? bouncer.url(database.name) : database.url,
        cronSecret: randomBytes(16).toString("hex"),
        auth: "valid",
        concurrency: spec.concurrency ?? 4,
        budgetMs: PHASE_94C.budgetMs,
        safetyBufferMs: PHASE_94C.safetyBufferMs,
        openaiTimeoutMs: spec.openai.timeoutMs,
        openaiMaxRetries: spec.openai.maxRetries,
      };
      const env = { ...appEnv(settings, context.scale), DATABASE_POOL_MAX: String(spec.poolMax ?? 4), ...spec.target?.env };
      const world: ChaosWorld = {
        history,
        observer,
        jobs: srcJobs,
        databaseUrl: database.url,
        databaseName: database.name,
        openai,
        instances: [],
        invocations: [],
        scale: context.scale,
        random: random.fork("faults"),
        lockKey: bigintLockKey(route.lockKey),
        intervalMs: CRON_INTERVAL_MS,
        pgbouncer: bouncer,
      };
      await spec.fault.prepare?.(world);
      world.instances = await startInstances(spec, env, history, openai, cleanup);
      const lockSampler = sampleLockHolders(observer, world.lockKey, history);
      cleanup.defer(() => lockSampler.stop());

      const request = () => cronRequest(route.path, authorizationHeader("valid", settings.cronSecret));
      const invocations: Promise<Invocation>[] = [];
      let next = 0;
      const clock = new CronClock(context.scale.toWall(CRON_INTERVAL_MS));
      const fireTick = () => {
        const deliveries = spec.deliveries ?? 1;
        history.append({ type: "tick", at: Date.now(), tick: clock.fired, deliveries });
        for (let d = 0; d < deliveries; d += 1) {
          // A platform routes no request to a dead or frozen instance.
          const alive = world.instances.filter((i) => !isIsolated(i) || (i.alive && !i.frozen));
          const instance = alive[next % Math.max(1, alive.length)];
          const index = next++;
          if (!instance) continue;
          // A duplicate delivery arrives a little later than the first, by a seeded jitter.
          const jitter = d === 0 ? 0 : context.scale.toWall(random.next() * (spec.deliveryJitterMs ?? 2_000));
          invocations.push(delayed(jitter, () => invokeOnce(instance, request(), index, history, labelOf(instance))));
        }
      };

      let nemesisDone = false;
      const nemesisStartedAt = Date.now();
      const nemesis = spec.fault.start(world).then(
        () => undefined,
        (error: unknown) => error as Error,
      ).finally(() => (nemesisDone = true));
      // At least faultTicks ticks, and more while the fault is still acting (it waits on ticks of its own,
      // and how long a run takes before its trigger depends on how busy the machine is), within a bound.
      for (let i = 0; i < spec.faultTicks || (!nemesisDone && i < spec.faultTicks + MAX_EXTRA_FAULT_TICKS); i += 1) {
        fireTick();
        await clock.afterTick();
      }
      const nemesisError = await nemesis;
      await spec.fault.heal(world);
      recordFaultWindow(history, spec.fault.name, nemesisStartedAt);
      for (let i = 0; i < spec.maxRecoveryTicks; i += 1) {
        if ((await openJobCount(observer)) === 0 && (await settled(invocations))) break;
        fireTick();
        await clock.afterTick();
      }
      const results = await settleAll(invocations, history);
      await lockSampler.stop();
      world.invocations = results;

      const verdicts: Verdict[] = [];
      const evidence = await spec.fault.evidence(world);
      verdicts.push(
        nemesisError
          ? fail("fault fired", `${spec.fault.name} could not act: ${nemesisError.message}`)
          : evidence.fired
            ? pass("fault fired", evidence.detail)
            : fail("fault fired", `${spec.fault.name} never fired (${evidence.detail}); the scenario proved nothing`),
      );
      for (const name of spec.checks) verdicts.push(await guarded(name, () => CHAOS_CHECKS[name](world)));
      const faultVerdict = verdicts[0]?.status ?? "unknown";
      const invariantStatus = combine(verdicts.slice(1).map((v) => v.status));
      const status = combine(verdicts.map((v) => v.status));
      // A "breaks" row is as expected only if the fault fired and an invariant caught the breakage.
      const asExpected = spec.expect === "survives" ? status === "pass" : faultVerdict === "pass" && invariantStatus === "fail";
      keepDatabase = !asExpected && context.keepFailedDatabases;
      return {
        name: spec.name,
        fault: spec.fault.name,
        models: spec.fault.models,
        target: spec.target?.label ?? "src",
        mode: spec.mode,
        expect: spec.expect,
        seed,
        timeScale: context.scale.factor,
        status,
        asExpected,
        verdicts,
        figures: figuresOf(results, clock.fired),
        timeline: buildTimeline(history, context.scale.factor, status === "fail"),
      };
    });
  } finally {
    await cleanup.run();
  }
}

async function startInstances(
  spec: ChaosSpec,
  env: Record<string, string | undefined>,
  history: History,
  openai: OpenAIMock,
  cleanup: CleanupStack,
): Promise<AppInstance[]> {
  const module = spec.target?.module ?? ROUTES["background-jobs"].module;
  if (spec.mode === "shared") {
    cleanup.defer(applyEnv(env));
    cleanup.defer(recordAppEvents(history));
    const instance = await sharedInstance(module);
    cleanup.defer(() => instance.close());
    return [instance];
  }
  const openaiBridge = await serveHandlersOverHttp(() => openai.handlers());
  cleanup.defer(() => openaiBridge.close());
  const started = await Promise.allSettled(
    Array.from({ length: spec.instances ?? 3 }, (_, i) =>
      startIsolatedInstance({ name: `i${i}`, routeModule: module, env: { ...env, OPENAI_BASE_URL: openaiBridge.baseUrl }, history }),
    ),
  );
  const instances = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  // Close the ones that came up even when another did not, then report the failure.
  cleanup.defer(() => Promise.all(instances.map((i) => i.close())));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
  return instances;
}

async function openDedicatedServer(maxConnections: number) {
  const server = await startEmbeddedServer({ maxConnections });
  try {
    const scratch = await ScratchDatabases.prepare(server);
    return { scratch, close: () => scratch.dropAll().finally(() => server.stop()) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Every entry's report shades where its fault acted. A fault that marks its own moment (the kill, the
 * pause) has; for the others the window is the nemesis's, from its start to its heal.
 */
function recordFaultWindow(history: History, fault: string, startedAt: number): void {
  const own = history.ofType("fault");
  if (!own.some((e) => e.phase === "start")) history.append({ type: "fault", phase: "start", at: startedAt, fault });
  if (!own.some((e) => e.phase === "heal")) history.append({ type: "fault", phase: "heal", at: Date.now(), fault });
}

const isIsolated = (instance: AppInstance): instance is IsolatedInstance => instance.mode === "isolated";
const labelOf = (instance: AppInstance) => ("name" in instance ? String(instance.name) : "shared");

function delayed<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return ms <= 0 ? fn() : new Promise((resolve) => setTimeout(resolve, ms)).then(fn);
}

async function settled(invocations: Promise<Invocation>[]): Promise<boolean> {
  const marker = Symbol("pending");
  const states = await Promise.all(invocations.map((p) => Promise.race([p, Promise.resolve(marker)])));
  return states.every((s) => s !== marker);
}

async function settleAll(invocations: Promise<Invocation>[], history: History): Promise<Invocation[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const answered = new Set(history.all().flatMap((e) => ("invocation" in e && e.type !== "invoke" ? [e.invocation] : [])));
      const open = history.ofType("invoke").filter((e) => !answered.has(e.invocation)).map((e) => `#${e.invocation} on ${e.instance}`);
      const recent = history.all().slice(-8).map((e) => JSON.stringify(e).slice(0, 160));
      reject(new Error(`cronstorm: invocations still running ${SETTLE_TIMEOUT_WALL_MS} ms after the last tick: ${open.join(", ")}\nlast events:\n${recent.join("\n")}`));
    }, SETTLE_TIMEOUT_WALL_MS);
  });
  try {
    return await Promise.race([Promise.all(invocations), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function figuresOf(results: Invocation[], ticks: number): ChaosResult["figures"] {
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
