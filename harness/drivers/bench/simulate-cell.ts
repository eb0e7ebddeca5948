import { CronClock } from "../cron-clock";
import type { ScratchDatabases } from "../../db/scratch";
import type { AppInstance } from "../../target/instances/app-instance";
import { countUnanswered } from "../../target/instances/bounded-instance";
import { invokeOnce, type Invocation } from "../../invoker";
import { openJobs } from "../../seed/open-jobs";
import { moduleStage } from "../../target/module-stage";
import type { ModuleTarget } from "../../target/target";
import type { TimeScale } from "../../time-scale";
import { type Trial, withTrial } from "../../trial/trial";
import { benchTarget } from "./bench-target";
import { type CellResult, type CellSpec, cellLabel, type SimulationSettings } from "./cell";
import { formatDuration } from "./durations";
import { loadModel, type LoadStats } from "./load-model";
import { computeMetrics } from "./metrics";
import { OverheadCompensation } from "./overhead-compensation";
import { warmUp } from "./warm-up";

export interface SimulationContext {
  scratch: ScratchDatabases;
  scale: TimeScale;
  seed: number;
  /** The route module under test (default: src/'s). */
  target?: ModuleTarget;
  /** Hears (simulated ms so far, window ms) after each tick, for a progress bar. */
  onTick?: (simulatedMs: number, windowMs: number) => void;
}

/**
 * The bench's driver: the real route handler on the cron schedule for a window of production time, in
 * compressed time, with jobs arriving and OpenAI slowing under load; returns the cell's metrics and timeline.
 */
export async function simulateCell(cell: CellSpec, settings: SimulationSettings, context: SimulationContext): Promise<CellResult> {
  const wallStart = Date.now();
  const stage = moduleStage(benchTarget(cell, context.target), context.scratch, "shared");
  const plan = {
    label: `bench_${cell.lock}`,
    seed: context.seed,
    scale: context.scale,
    run: { concurrency: cell.concurrency, budgetMs: cell.budgetMs, openaiTimeoutMs: cell.openaiTimeoutMs, openaiMaxRetries: cell.openaiMaxRetries },
    openai: { latency: cell.latency },
    invocations: 1,
  };
  return withTrial(stage, plan, async (trial) => {
    const loadStats: LoadStats = { rateLimited: 0, timedOut: 0 };
    const compensation = new OverheadCompensation();
    trial.cleanup.defer(compensation.listen());
    const model = {
      latency: cell.latency,
      saturationInFlight: settings.saturationInFlight,
      rateLimitPerMinute: settings.rateLimitPerMinute,
      timeoutMs: cell.openaiTimeoutMs,
      maxRetries: cell.openaiMaxRetries,
    };
    trial.openai.use(loadModel(model, loadStats, compensation));
    // The shared stage bounds every invocation: an app that never answers (deadlocked on its own pool) cannot hang the sweep.
    const { instance } = await trial.start();
    await warmUp(instance, trial.request(-1));
    await trial.seedJobs(settings.initialBacklog, "backlog");
    const { t0, backlog, invocations } = await driveSchedule(trial, instance, settings, context);
    const unanswered = countUnanswered(await Promise.all(invocations));
    if (unanswered > 0) {
      throw new Error(`cronstorm bench: ${unanswered} invocation(s) of cell ${cellLabel(cell, formatDuration)} got no answer within twice maxDuration; the app looks deadlocked (e.g. every pooled session held while its work waits for one), so the cell cannot be measured`);
    }
    const attempts = await trial.target.jobs.readAttempts(trial.observer);
    const { metrics, timeline } = computeMetrics({
      // The warm-up's run is not the window's.
      history: trial.history.since(t0),
      t0,
      scale: context.scale,
      windowMs: settings.windowMs,
      intervalMs: settings.intervalMs,
      completed: attempts.filter((a) => a.outcome === "succeeded").length,
      failed: attempts.filter((a) => a.outcome === "failed").length,
      finalBacklog: await openJobs(trial.target.jobs, trial.observer),
      tableRuns: await trial.target.jobs.readRuns(trial.observer),
      openai: { peakInFlight: trial.openai.stats.peakInFlight, rateLimited: loadStats.rateLimited, timedOut: loadStats.timedOut },
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
}

/** Fires the window's ticks (seeded jitter and duplicate deliveries) and lands each minute's arrivals. */
async function driveSchedule(trial: Trial, instance: AppInstance, settings: SimulationSettings, context: SimulationContext) {
  const { history, random, scale } = trial;
  const backlog: { at: number; jobs: number }[] = [];
  const invocations: Promise<Invocation>[] = [];
  const ticks = Math.round(settings.windowMs / settings.intervalMs);
  const arrivalsPerTick = (settings.arrivalsPerMinute * settings.intervalMs) / 60_000;
  const t0 = Date.now();
  const clock = new CronClock(scale.toWall(settings.intervalMs));
  let owed = 0;
  for (let tick = 0; tick < ticks; tick += 1) {
    history.append({ type: "tick", at: Date.now(), tick, deliveries: 1 });
    const deliveries = random.next() < settings.duplicateRate ? 2 : 1;
    for (let d = 0; d < deliveries; d += 1) {
      const index = invocations.length;
      const late = scale.toWall(random.next() * settings.jitterMs);
      const request = trial.request(index);
      invocations.push(new Promise((r) => setTimeout(r, late)).then(() => invokeOnce(instance, request, index, history)));
    }
    // The minute's arrivals land half-way to the next tick: inserting them takes tens of wall ms, which
    // before a tick would make it seconds late at ×120, and right after it would race the tick's run
    // for whether it sees them, so one seed would not replay one run.
    await clock.untilFraction(0.5);
    owed += arrivalsPerTick;
    const arriving = Math.floor(owed);
    owed -= arriving;
    if (arriving > 0) await trial.seedJobs(arriving, `arrivals-${tick}`);
    backlog.push({ at: scale.toProduction(Date.now() - t0) / 1000, jobs: await openJobs(trial.target.jobs, trial.observer) });
    await clock.afterTick();
    context.onTick?.((tick + 1) * settings.intervalMs, settings.windowMs);
  }
  return { t0, backlog, invocations };
}
