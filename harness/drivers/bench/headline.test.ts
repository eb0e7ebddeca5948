import { describe, expect, it } from "vitest";
import type { CellMetrics, CellResult, CellSpec, SimulationSettings } from "./cell";
import { budgetHeadline, keepsUp } from "./headline";

const SETTINGS: SimulationSettings = { windowMs: 3_600_000, intervalMs: 60_000, jitterMs: 0, duplicateRate: 0, arrivalsPerMinute: 40, initialBacklog: 40, saturationInFlight: 8, rateLimitPerMinute: 120 };
const SPEC: CellSpec = { budgetMs: 240_000, latencyName: "normal", latency: { kind: "fixed", ms: 4_000 }, openaiTimeoutMs: 60_000, openaiMaxRetries: 2, concurrency: 4, lock: "on" };

function cell(budgetSeconds: number, finalBacklog: number, spec: Partial<CellSpec> = {}): CellResult {
  return {
    cell: { ...SPEC, budgetMs: budgetSeconds * 1000, ...spec },
    label: `budget ${budgetSeconds}s`,
    seed: 1,
    timeScale: 120,
    wallSeconds: 30,
    harnessOverheadWallMs: 0,
    metrics: { finalBacklog } as CellMetrics,
    timeline: { backlog: [], runs: [], holds: [], skips: [], inFlight: [] },
  };
}

describe("the bench report's headline", () => {
  it("names the smallest budget that keeps up, and what the largest one that does not leaves waiting (the default sweep's shape)", () => {
    const cells = [cell(120, 900), cell(240, 329), cell(480, 12), cell(480, 0, { lock: "off" })];
    expect(budgetHeadline(cells, SETTINGS)).toEqual([
      "the smallest budget that keeps up with 40 jobs/min is 480 s; 240 s leaves 329 jobs waiting after an hour.",
    ]);
  });

  it("keeps up means at most one interval's arrivals left open", () => {
    expect(keepsUp(cell(240, 40), SETTINGS)).toBe(true);
    expect(keepsUp(cell(240, 41), SETTINGS)).toBe(false);
  });

  it("says so when no budget keeps up, naming the best one; the lock-off control is never the answer", () => {
    const cells = [cell(120, 900), cell(240, 500), cell(120, 0, { lock: "off" })];
    expect(budgetHeadline(cells, SETTINGS)).toEqual(["no budget in this sweep keeps up with 40 jobs/min; the best, 240 s, leaves 500 jobs waiting after an hour."]);
  });

  it("answers per combination of the other settings swept", () => {
    const cells = [cell(120, 0), cell(240, 0), cell(120, 300, { latencyName: "slow" }), cell(240, 10, { latencyName: "slow" })];
    expect(budgetHeadline(cells, SETTINGS)).toEqual([
      "With normal · timeout 60 s × 3 · concurrency 4: the smallest budget that keeps up with 40 jobs/min is 120 s.",
      "With slow · timeout 60 s × 3 · concurrency 4: the smallest budget that keeps up with 40 jobs/min is 240 s; 120 s leaves 300 jobs waiting after an hour.",
    ]);
  });
});
