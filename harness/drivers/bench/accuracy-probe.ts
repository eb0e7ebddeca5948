import type { CellSpec, SimulationSettings } from "./cell";

/**
 * The cell the bench measures its compression error on: the sweep's first cell, with a budget of 1.5
 * cron intervals, over a few intervals. A budget that is a whole number of intervals (the 120 s, 240 s, 480 s
 * defaults) ends its runs right at a tick, and whether a run makes that tick turns on its last job: a
 * coin flip in production as much as in the simulation. Over a short window the measurement would
 * report the coin, not the compression; over an hour the flips average out.
 */
export function accuracyProbe(first: CellSpec, settings: SimulationSettings, intervals: number): { cell: CellSpec; settings: SimulationSettings } {
  return {
    cell: { ...first, budgetMs: settings.intervalMs * 1.5 },
    settings: { ...settings, windowMs: settings.intervalMs * intervals },
  };
}

export const ACCURACY_BOUND_PERCENT = 5;
