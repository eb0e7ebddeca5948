import { describe, expect, it } from "vitest";
import { harnessContext } from "../vitest/harness-context";
import { TimeScale } from "../time-scale";
import { measureAccuracy } from "./accuracy";
import { ACCURACY_BOUND_PERCENT, accuracyProbe } from "./accuracy-probe";
import { sweepCells } from "./sweep";

// The bench's default settings and first cell, over 8 production minutes: ~240 jobs, two ticks per run,
// so one job either way is 0.4% and a run's last job cannot swing the figure past the bound.
const SETTINGS = { windowMs: 3_600_000, intervalMs: 60_000, jitterMs: 0, duplicateRate: 0, arrivalsPerMinute: 40, initialBacklog: 100, saturationInFlight: 8, rateLimitPerMinute: 120 };
const BENCH_SCALE = new TimeScale(120);

describe("bench accuracy", () => {
  it(`at ×${BENCH_SCALE.factor}, a cell's throughput is within ${ACCURACY_BOUND_PERCENT}% of the same cell compressed 10× less`, async () => {
    const [first] = sweepCells({ budgetsMs: [120_000], latencies: ["normal"], timeoutsMs: [60_000], retries: [2], concurrency: [4], control: false });
    if (!first) throw new Error("the sweep produced no cell");
    const probe = accuracyProbe(first, SETTINGS, 8);
    const measured = await measureAccuracy(probe.cell, probe.settings, { scratch: harnessContext().scratch, seed: 9403 }, BENCH_SCALE);
    const summary = `${measured.compressed} vs ${measured.reference} jobs/h (${measured.errorPercent}%), overhead compensated ${measured.overheadWallMs} ms wall per request`;
    console.info(`accuracy: ${summary}`);
    // The compensation is what makes the bound hold: prove it measured something.
    expect(measured.overheadWallMs, summary).toBeGreaterThan(0);
    expect(measured.reference, summary).toBeGreaterThan(0);
    expect(measured.errorPercent, summary).toBeLessThanOrEqual(ACCURACY_BOUND_PERCENT);
  }, 120_000);
});
