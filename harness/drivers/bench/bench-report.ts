import type { CellResult, SimulationSettings } from "./cell";
import type { MicroResult } from "./microbench";

export const BENCH_SCHEMA_VERSION = 1;

export interface BenchReport {
  schemaVersion: number;
  tool: "cronstorm-bench";
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** The route module benched (src/ by default). */
  target: { name: string; module: string };
  seed: number;
  timeScale: number;
  /** How far this scale's throughput is from the same cell compressed 10x less; null when not measured (--skip-accuracy). */
  accuracy: { referenceScale: number; throughputErrorPercent: number | null; note: string };
  settings: SimulationSettings;
  cells: CellResult[];
  micro: MicroResult[];
}

/** The columns of the cell table, shared by report.md and report.html. */
export function cellTable(cells: CellResult[]): { header: string[]; rows: string[][] } {
  const header = [
    "cell",
    "jobs/h",
    "run p50 / p95 / max (s)",
    "budget (s)",
    "skipped (locked)",
    "overlapping runs",
    "OpenAI peak in flight",
    "429s",
    "timeouts",
    "runs > interval",
    "runs > maxDuration",
    "backlog at end",
    "wall (s)",
  ];
  const rows = cells.map((c) => [
    c.label,
    String(c.metrics.jobsCompletedPerHour),
    `${c.metrics.runSeconds.p50} / ${c.metrics.runSeconds.p95} / ${c.metrics.runSeconds.max}`,
    String(c.cell.budgetMs / 1000),
    String(c.metrics.ticksSkippedLocked),
    String(c.metrics.overlappingRunPairs),
    String(c.metrics.openaiPeakInFlight),
    String(c.metrics.openai429s),
    String(c.metrics.openaiTimeouts),
    String(c.metrics.runsOverInterval),
    String(c.metrics.runsOverMaxDuration),
    String(c.metrics.finalBacklog),
    String(c.wallSeconds),
  ]);
  return { header, rows };
}
