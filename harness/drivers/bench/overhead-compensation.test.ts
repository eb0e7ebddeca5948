import { channel } from "node:diagnostics_channel";
import { afterEach, describe, expect, it } from "vitest";
import { OverheadCompensation } from "./overhead-compensation";

/**
 * The compensation's logic on a controlled clock: every job event carries the time the test chooses, and
 * each request costs an injected harness overhead. Whether the bench is within 5 % on a real machine is
 * a property `npm run bench` measures and reports; this proves the arithmetic that gets it there, and
 * fails only when that logic is wrong, never because the machine was busy.
 */
const jobs = channel("cronstorm-app:job");
let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** One worker on a fake clock: each job waits what the mock decides, plus `overheadMs` the harness spends. */
function simulateJobs(compensation: OverheadCompensation, options: { jobs: number; modelledMs: (i: number) => number; overheadMs: (i: number) => number }) {
  let clock = 0;
  let modelledTotal = 0;
  for (let i = 0; i < options.jobs; i += 1) {
    const modelled = options.modelledMs(i);
    modelledTotal += modelled;
    jobs.publish({ phase: "claim", jobId: `j${i}`, at: clock });
    const waited = compensation.shorten(modelled);
    compensation.answeredAfter(waited);
    clock += waited + options.overheadMs(i);
    jobs.publish({ phase: "finish", jobId: `j${i}`, at: clock });
  }
  return { wallMs: clock, modelledMs: modelledTotal };
}

function listening(): OverheadCompensation {
  const compensation = new OverheadCompensation();
  stop = compensation.listen();
  return compensation;
}

describe("harness overhead compensation", () => {
  it("measures the injected overhead per request", () => {
    const compensation = listening();
    simulateJobs(compensation, { jobs: 400, modelledMs: () => 40, overheadMs: () => 6 });
    expect(compensation.perRequestMs()).toBeCloseTo(6, 1);
  });

  it("hands the overhead back, so wall time matches the modelled time within 1 % once warm", () => {
    const compensation = listening();
    const warm = simulateJobs(compensation, { jobs: 50, modelledMs: () => 40, overheadMs: () => 6 });
    const measured = simulateJobs(compensation, { jobs: 500, modelledMs: (i) => 20 + (i % 7) * 10, overheadMs: () => 6 });
    expect(warm.wallMs).toBeGreaterThan(warm.modelledMs);
    expect(Math.abs(measured.wallMs - measured.modelledMs) / measured.modelledMs).toBeLessThan(0.01);
  });

  it("without it the same run is 15 % slower: the bound the bench reports is the compensation's doing", () => {
    const uncompensated = new OverheadCompensation(); // never listens: it measures nothing and shortens nothing
    const run = simulateJobs(uncompensated, { jobs: 500, modelledMs: () => 40, overheadMs: () => 6 });
    expect(run.wallMs / run.modelledMs).toBeCloseTo(1.15, 2);
  });

  it("carries what a short delay cannot absorb to the next ones, so the mean comes out right", () => {
    const compensation = listening();
    simulateJobs(compensation, { jobs: 100, modelledMs: () => 40, overheadMs: () => 6 });
    // Delays of 2 ms cannot lose 6 ms each; every fourth one is long enough to pay the debt.
    const measured = simulateJobs(compensation, { jobs: 400, modelledMs: (i) => (i % 4 === 3 ? 60 : 2), overheadMs: () => 6 });
    expect(Math.abs(measured.wallMs - measured.modelledMs) / measured.modelledMs).toBeLessThan(0.02);
  });

  it("leaves the first requests uncompensated: they also pay one-off warm-up", () => {
    const compensation = listening();
    simulateJobs(compensation, { jobs: 7, modelledMs: () => 40, overheadMs: () => 50 });
    expect(compensation.perRequestMs()).toBe(0);
    expect(compensation.shorten(40)).toBe(40);
  });

  it("follows a machine whose load changes (older measurements fade)", () => {
    const compensation = listening();
    simulateJobs(compensation, { jobs: 300, modelledMs: () => 40, overheadMs: () => 2 });
    expect(compensation.perRequestMs()).toBeCloseTo(2, 0);
    simulateJobs(compensation, { jobs: 500, modelledMs: () => 40, overheadMs: () => 10 });
    expect(compensation.perRequestMs()).toBeGreaterThan(9);
  });

  it("never hands back more than it measured: a machine with no overhead is left alone", () => {
    const compensation = listening();
    const run = simulateJobs(compensation, { jobs: 300, modelledMs: () => 40, overheadMs: () => 0 });
    expect(compensation.perRequestMs()).toBe(0);
    expect(run.wallMs).toBe(run.modelledMs);
  });
});
