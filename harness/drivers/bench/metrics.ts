import type { History } from "../../history";
import type { TimeScale } from "../../time-scale";
import { holdIntervals, overlapsBetweenOwners } from "../../checks/intervals";
import { skipped } from "../../checks/bodies";
import { MAX_DURATION_MS } from "../../target/instances/bounded-instance";
import type { RunRow } from "../../target/jobs-adapter";
import type { CellMetrics, CellTimeline } from "./cell";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Runs as intervals (production seconds since `t0`), from the runner's start and end/crash events; for an
 * app that reports none, from its runs table (read through its jobs adapter).
 */
export function runIntervals(history: History, t0: number, scale: TimeScale, tableRuns: readonly RunRow[] = []): CellTimeline["runs"] {
  const runs = history.ofType("run");
  if (runs.length === 0) {
    return tableRuns
      .filter((r) => r.startedAt.getTime() >= t0)
      .map((r) => ({
        start: scale.toProduction(r.startedAt.getTime() - t0) / 1000,
        end: scale.toProduction((r.finishedAt ?? r.startedAt).getTime() - t0) / 1000,
        instance: "shared",
        outcome: r.finishedAt ? "end" : "unfinished",
      }));
  }
  return runs
    .filter((e) => e.phase === "start")
    .map((start) => {
      const end = runs.find((e) => e.runId === start.runId && (e.phase === "end" || e.phase === "crash"));
      return {
        start: scale.toProduction(start.at - t0) / 1000,
        end: scale.toProduction((end?.at ?? start.at) - t0) / 1000,
        instance: start.instance ?? "shared",
        outcome: end?.phase ?? "unfinished",
      };
    });
}

export function computeMetrics(input: {
  history: History;
  t0: number;
  scale: TimeScale;
  windowMs: number;
  intervalMs: number;
  completed: number;
  failed: number;
  finalBacklog: number;
  /** The app's runs table: where the runs come from when the app reports no run events. */
  tableRuns?: readonly RunRow[];
  openai: { peakInFlight: number; rateLimited: number; timedOut: number };
}): { metrics: CellMetrics; timeline: Omit<CellTimeline, "backlog"> } {
  const { history, t0, scale } = input;
  const runs = runIntervals(history, t0, scale, input.tableRuns);
  const durations = runs.map((r) => r.end - r.start);
  const runOwners = runs.map((r, i) => ({ start: r.start, end: r.end, runId: String(i), instance: r.instance }));
  const holds = holdIntervals(history, "narrowest").map((h) => ({
    start: scale.toProduction(h.start - t0) / 1000,
    end: scale.toProduction((Number.isFinite(h.end) ? h.end : h.start) - t0) / 1000,
  }));
  const skips = skipTimes(history).map((at) => scale.toProduction(at - t0) / 1000);
  const hours = input.windowMs / 3_600_000;
  return {
    metrics: {
      jobsCompletedPerHour: Math.round(input.completed / hours),
      jobsCompleted: input.completed,
      jobsFailed: input.failed,
      runs: runs.length,
      runSeconds: { p50: round(percentile(durations, 50)), p95: round(percentile(durations, 95)), max: round(Math.max(0, ...durations)) },
      ticks: history.ofType("tick").length,
      ticksSkippedLocked: skips.length,
      overlappingRunPairs: overlapsBetweenOwners(runOwners, (r) => r.runId).length,
      openaiPeakInFlight: input.openai.peakInFlight,
      openai429s: input.openai.rateLimited,
      openaiTimeouts: input.openai.timedOut,
      runsOverInterval: durations.filter((d) => d * 1000 > input.intervalMs).length,
      runsOverMaxDuration: durations.filter((d) => d * 1000 > MAX_DURATION_MS).length,
      finalBacklog: input.finalBacklog,
    },
    timeline: { runs, holds, skips, inFlight: inFlightSteps(history, t0, scale, input.windowMs) },
  };
}

/** When a tick was turned away by the lock: from the route's lock events, else from answers saying `skipped`. */
function skipTimes(history: History): number[] {
  const refused = history.ofType("lock").filter((e) => e.phase === "acquire" && e.acquired === false);
  if (history.ofType("lock").length > 0) return refused.map((e) => e.at);
  return history.all().flatMap((e) => (e.type === "ok" && skipped({ body: e.body }) ? [e.at] : []));
}

/** Production seconds per step of the in-flight series: fine enough to see a burst, small in the report. */
const IN_FLIGHT_STEP_SECONDS = 10;

/** The most OpenAI calls in flight at once within each step of the window, from the mock's events. */
export function inFlightSteps(history: History, t0: number, scale: TimeScale, windowMs: number): CellTimeline["inFlight"] {
  const steps = Math.ceil(windowMs / 1000 / IN_FLIGHT_STEP_SECONDS);
  const peaks = new Array<number>(steps).fill(0);
  const stepOf = (at: number) => Math.max(0, Math.floor(scale.toProduction(at - t0) / 1000 / IN_FLIGHT_STEP_SECONDS));
  let current = 0;
  let step = 0;
  for (const event of history.ofType("openai")) {
    // A step begins with the calls still in flight from before it.
    for (const next = stepOf(event.at); step < next && step < steps - 1; ) peaks[(step += 1)] = current;
    if (stepOf(event.at) < steps) peaks[step] = Math.max(peaks[step] ?? 0, event.inFlight);
    current = event.inFlight;
  }
  while (step < steps - 1) peaks[(step += 1)] = current;
  return peaks.map((calls, i) => ({ at: i * IN_FLIGHT_STEP_SECONDS, calls }));
}

const round = (value: number) => Math.round(value * 10) / 10;
