import type { CellResult, SimulationSettings } from "./cell";

/**
 * A budget keeps up when the jobs still open at the end of the window are no more than one interval's
 * arrivals: the next run would find only what arrived since the last one.
 */
export function keepsUp(cell: CellResult, settings: SimulationSettings): boolean {
  return cell.metrics.finalBacklog <= oneIntervalOfArrivals(settings);
}

const oneIntervalOfArrivals = (settings: SimulationSettings) => (settings.arrivalsPerMinute * settings.intervalMs) / 60_000;

/**
 * The answer the budget report exists for, one sentence per combination of the other settings swept
 * (latency, timeout and retries, concurrency): the smallest budget that keeps up with the arrival rate,
 * and what the largest budget that does not leaves waiting. Computed from the locked cells only; the
 * lock-off control is not a setting anyone should choose.
 */
export function budgetHeadline(cells: CellResult[], settings: SimulationSettings): string[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells.filter((c) => c.cell.lock === "on")) {
    const key = `${cell.cell.latencyName} · timeout ${cell.cell.openaiTimeoutMs / 1000} s × ${cell.cell.openaiMaxRetries + 1} · concurrency ${cell.cell.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const rate = `${settings.arrivalsPerMinute} jobs/min`;
  const window = windowPhrase(settings.windowMs);
  const qualify = groups.size > 1;
  return [...groups.entries()].map(([key, group]) => {
    const byBudget = [...group].sort((a, b) => a.cell.budgetMs - b.cell.budgetMs);
    const enough = byBudget.find((c) => keepsUp(c, settings));
    const short = [...byBudget].reverse().find((c) => !keepsUp(c, settings) && (!enough || c.cell.budgetMs < enough.cell.budgetMs));
    const prefix = qualify ? `With ${key}: ` : "";
    const shortfall = short ? `${seconds(short)} leaves ${short.metrics.finalBacklog} jobs waiting after ${window}` : "";
    if (!enough) {
      const best = byBudget.reduce((a, b) => (b.metrics.finalBacklog < a.metrics.finalBacklog ? b : a));
      return `${prefix}no budget in this sweep keeps up with ${rate}; the best, ${seconds(best)}, leaves ${best.metrics.finalBacklog} jobs waiting after ${window}.`;
    }
    return `${prefix}the smallest budget that keeps up with ${rate} is ${seconds(enough)}${shortfall ? `; ${shortfall}` : ""}.`;
  });
}

/** What the headline rests on, said next to it. */
export function headlineCaveat(settings: SimulationSettings, timeScale: number, seed: number): string {
  return (
    `"Keeps up" means at most one interval's arrivals (${oneIntervalOfArrivals(settings)} jobs) still open when the ` +
    `${windowPhrase(settings.windowMs)} window closes. One seeded window per cell (seed ${seed}), compressed ×${timeScale}, with ` +
    `${settings.initialBacklog} jobs waiting at the start; a different arrival rate, latency or backlog can move the answer, so sweep your own.`
  );
}

const seconds = (cell: CellResult) => `${cell.cell.budgetMs / 1000} s`;

function windowPhrase(windowMs: number): string {
  const minutes = windowMs / 60_000;
  return minutes === 60 ? "an hour" : minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} min`;
}
