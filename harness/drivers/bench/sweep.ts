import type { CellSpec } from "./cell";
import { latencyPreset } from "./presets";

export interface SweepAxes {
  budgetsMs: number[];
  latencies: string[];
  timeoutsMs: number[];
  retries: number[];
  concurrency: number[];
  /** Add, per latency profile, one cell without the lock: the control that shows what the lock buys. */
  control: boolean;
}

/** Every combination of the axes with the lock on, then the lock-off controls. */
export function sweepCells(axes: SweepAxes): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const latencyName of axes.latencies) {
    const latency = latencyPreset(latencyName);
    for (const budgetMs of axes.budgetsMs)
      for (const openaiTimeoutMs of axes.timeoutsMs)
        for (const openaiMaxRetries of axes.retries)
          for (const concurrency of axes.concurrency)
            cells.push({ budgetMs, latencyName, latency, openaiTimeoutMs, openaiMaxRetries, concurrency, lock: "on" });
    if (axes.control) {
      const middle = [...axes.budgetsMs].sort((a, b) => a - b)[Math.floor((axes.budgetsMs.length - 1) / 2)] ?? 240_000;
      cells.push({
        budgetMs: middle,
        latencyName,
        latency,
        openaiTimeoutMs: axes.timeoutsMs[0] ?? 60_000,
        openaiMaxRetries: axes.retries[0] ?? 2,
        concurrency: axes.concurrency[0] ?? 4,
        lock: "off",
      });
    }
  }
  return cells;
}
