import type { LatencyProfile } from "../../openai/latency";

/** One point of the sweep. Durations in production milliseconds. */
export interface CellSpec {
  budgetMs: number;
  latencyName: string;
  latency: LatencyProfile;
  openaiTimeoutMs: number;
  openaiMaxRetries: number;
  concurrency: number;
  lock: "on" | "off";
}

/** What every cell shares: the schedule, the load and the arrivals. */
export interface SimulationSettings {
  windowMs: number;
  intervalMs: number;
  /** Each tick arrives up to this late (seeded). */
  jitterMs: number;
  /** Probability that a tick is delivered twice. */
  duplicateRate: number;
  /** New jobs per production minute. */
  arrivalsPerMinute: number;
  /** Jobs waiting when the window opens. */
  initialBacklog: number;
  saturationInFlight: number;
  rateLimitPerMinute: number;
}

export const cellLabel = (cell: CellSpec, fmt: (ms: number) => string) =>
  `budget ${fmt(cell.budgetMs)} · ${cell.latencyName} · timeout ${fmt(cell.openaiTimeoutMs)}×${cell.openaiMaxRetries + 1} · c${cell.concurrency} · lock ${cell.lock}`;

/** Metrics of one simulated window, durations in production seconds. */
export interface CellMetrics {
  jobsCompletedPerHour: number;
  jobsCompleted: number;
  jobsFailed: number;
  runs: number;
  runSeconds: { p50: number; p95: number; max: number };
  ticks: number;
  ticksSkippedLocked: number;
  overlappingRunPairs: number;
  openaiPeakInFlight: number;
  openai429s: number;
  openaiTimeouts: number;
  runsOverInterval: number;
  runsOverMaxDuration: number;
  finalBacklog: number;
}

export interface CellTimeline {
  /** Seconds since the window opened (production). */
  backlog: { at: number; jobs: number }[];
  runs: { start: number; end: number; instance: string; outcome: string }[];
  holds: { start: number; end: number }[];
  skips: number[];
  /** OpenAI calls in flight: the most at once in each 10-production-second step. */
  inFlight: { at: number; calls: number }[];
}

export interface CellResult {
  cell: CellSpec;
  label: string;
  seed: number;
  timeScale: number;
  wallSeconds: number;
  /** Harness wall time per OpenAI request, measured and taken off the mock's delays at the end of the cell. */
  harnessOverheadWallMs: number;
  metrics: CellMetrics;
  timeline: CellTimeline;
}
