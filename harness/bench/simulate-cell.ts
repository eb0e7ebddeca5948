import { fileURLToPath } from "node:url";
import { PHASE_94C } from "../scenario/spec";
import { randomBytes } from "node:crypto";
import { CronClock } from "../chaos/cron-clock";
import { CleanupStack } from "../cleanup-stack";
import type { ScratchDatabases } from "../db/scratch";
import { withPgClient } from "../db/with-client";
import { History } from "../history";
import { recordAppEvents } from "../instances/app-events";
import { sharedInstance } from "../instances/shared-instance";
import { cronRequest, invokeOnce, type Invocation } from "../invoker";
import { OpenAIMock } from "../openai/mock-openai";
import { SeededRandom } from "../random";
import { ROUTES } from "../routes";
import { applyEnv, appEnv, authorizationHeader } from "../scenario/app-env";
import { openJobCount } from "../seed/open-jobs";
import { seedJobs } from "../seed/seed-jobs";
import type { TimeScale } from "../time-scale";
import { type CellResult, type CellSpec, cellLabel, type SimulationSettings } from "./cell";
import { formatDuration } from "./durations";
import { loadModel, type LoadStats } from "./load-model";
import { computeMetrics } from "./metrics";
import { OverheadCompensation } from "./overhead-compensation";
import { warmUp } from "./warm-up";

const NO_LOCK_ROUTE = fileURLToPath(new URL("../variants/no-lock-route.ts", import.meta.url));

export interface SimulationContext {
  scratch: ScratchDatabases;
  scale: TimeScale;
  seed: number;
  /** Hears (simulated ms so far, window ms) after each tick, for a progress bar. */
  onTick?: (simulatedMs: number, windowMs: number) => void;
}

/**
 * Drives the real route handler on the cron schedule for a window of production time, in compressed
 * time, with jobs arriving and OpenAI slowing under load; returns the cell's metrics and timeline.
 */
export async function simulateCell(cell: CellSpec, settings: SimulationSettings, context: SimulationContext): Promise<CellResult> {
  const wallStart = Date.now();
  const random = new SeededRandom(context.seed);
  const cleanup = new CleanupStack();
  const database = await context.scratch.clone(`bench_${cell.lock}`);
  cleanup.defer(() => context.scratch.drop(database.name));
  try {
    const history = new History();
    const loadStats: LoadStats = { rateLimited: 0, timedOut: 0 };
    const openai = new OpenAIMock({ scale: context.scale, random: random.fork("latency"), history, latency: cell.latency }).listen();
    cleanup.defer(() => openai.close());
    const compensation = new OverheadCompensation();
    cleanup.defer(compensation.listen());
    const model = {
      latency: cell.latency,
      saturationInFlight: settings.saturationInFlight,
      rateLimitPerMinute: settings.rateLimitPerMinute,
      timeoutMs: cell.openaiTimeoutMs,
      maxRetries: cell.openaiMaxRetries,
    };
    openai.use(loadModel(model, loadStats, compensation));
    const secret = randomBytes(16).toString("hex");
    cleanup.defer(
      applyEnv(
        appEnv(
          {
            databaseUrl: database.url,
            cronSecret: secret,
            auth: "valid",
            concurrency: cell.concurrency,
            budgetMs: cell.budgetMs,
            safetyBufferMs: PHASE_94C.safetyBufferMs,
            openaiTimeoutMs: cell.openaiTimeoutMs,
            openaiMaxRetries: cell.openaiMaxRetries,
          },
          context.scale,
        ),
      ),
    );
    const route = ROUTES["background-jobs"];
    const instance = await sharedInstance(cell.lock === "on" ? route.module : NO_LOCK_ROUTE);
    cleanup.defer(() => instance.close());
    await warmUp(instance, route.path, authorizationHeader("valid", secret));
    cleanup.defer(recordAppEvents(history));
    return await withPgClient(database.url, async (observer) => {
      await seedJobs(observer, random.fork("backlog"), { count: settings.initialBacklog });
      const backlog: { at: number; jobs: number }[] = [];
      const invocations: Promise<Invocation>[] = [];
      const ticks = Math.round(settings.windowMs / settings.intervalMs);
      const arrivalsPerTick = (settings.arrivalsPerMinute * settings.intervalMs) / 60_000;
      const t0 = Date.now();
      const clock = new CronClock(context.scale.toWall(settings.intervalMs));
      let owed = 0;
      for (let tick = 0; tick < ticks; tick += 1) {
        history.append({ type: "tick", at: Date.now(), tick, deliveries: 1 });
        const deliveries = random.next() < settings.duplicateRate ? 2 : 1;
        for (let d = 0; d < deliveries; d += 1) {
          const index = invocations.length;
          const late = context.scale.toWall(random.next() * settings.jitterMs);
          const request = cronRequest(route.path, authorizationHeader("valid", secret));
          invocations.push(new Promise((r) => setTimeout(r, late)).then(() => invokeOnce(instance, request, index, history)));
        }
        // The minute's arrivals land half-way to the next tick: inserting them takes tens of wall ms, which
        // before a tick would make it seconds late at ×120, and right after it would race the tick's run
        // for whether it sees them, so one seed would not replay one run.
        await clock.untilFraction(0.5);
        owed += arrivalsPerTick;
        const arriving = Math.floor(owed);
        owed -= arriving;
        if (arriving > 0) await seedJobs(observer, random.fork(`arrivals-${tick}`), { count: arriving });
        backlog.push({ at: context.scale.toProduction(Date.now() - t0) / 1000, jobs: await openJobCount(observer) });
        await clock.afterTick();
        context.onTick?.((tick + 1) * settings.intervalMs, settings.windowMs);
      }
      await Promise.all(invocations);
      const { rows } = await observer.query<{ succeeded: number; failed: number }>(
        `select count(*) filter (where outcome = 'succeeded')::int as succeeded, count(*) filter (where outcome = 'failed')::int as failed
         from background_job_attempts`,
      );
      const { metrics, timeline } = computeMetrics({
        history,
        t0,
        scale: context.scale,
        windowMs: settings.windowMs,
        intervalMs: settings.intervalMs,
        completed: rows[0]?.succeeded ?? 0,
        failed: rows[0]?.failed ?? 0,
        finalBacklog: await openJobCount(observer),
        openai: { peakInFlight: openai.stats.peakInFlight, rateLimited: loadStats.rateLimited, timedOut: loadStats.timedOut },
      });
      return {
        cell,
        label: cellLabel(cell, formatDuration),
        seed: context.seed,
        timeScale: context.scale.factor,
        wallSeconds: Math.round((Date.now() - wallStart) / 100) / 10,
        harnessOverheadWallMs: Math.round(compensation.perRequestMs() * 100) / 100,
        metrics,
        timeline: { ...timeline, backlog },
      };
    });
  } finally {
    await cleanup.run();
  }
}
