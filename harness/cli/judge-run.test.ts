import { describe, expect, it } from "vitest";
import { judgeRun, type VitestTotals } from "./judge-run";

const totals = (failed: number, success = failed === 0): VitestTotals => ({
  success,
  numTotalTests: 10,
  numPassedTests: 10 - failed,
  numFailedTests: failed,
  numPendingTests: 0,
  numFailedTestSuites: failed > 0 ? 1 : 0,
});

describe("judging one gate run by its exit code and its reporter's totals", () => {
  it("is green only when both say so", () => {
    expect(judgeRun(0, totals(0))).toEqual({ green: true });
  });

  it("is red when both say a test failed, without a disagreement", () => {
    expect(judgeRun(1, totals(2))).toEqual({ green: false });
  });

  it("is red when the exit code is 0 but the totals count failures, and says the exit code cannot be trusted", () => {
    const judgement = judgeRun(0, totals(1));
    expect(judgement.green).toBe(false);
    expect(judgement.disagreement).toMatch(/exit code 0 but the reporter counted 1 failed test/);
  });

  it("is red when the exit code says failed but the totals count none, and says so", () => {
    const judgement = judgeRun(1, totals(0));
    expect(judgement.green).toBe(false);
    expect(judgement.disagreement).toMatch(/exit code 1 but the reporter counted no failure/);
  });

  it("is red when a file failed to load (no failed test, but a failed file)", () => {
    expect(judgeRun(1, { ...totals(0, false), numFailedTestSuites: 1 })).toEqual({ green: false });
  });

  it("is red without totals, and flags an exit code of 0 that no report backs", () => {
    expect(judgeRun(1, undefined)).toEqual({ green: false, disagreement: undefined });
    expect(judgeRun(0, undefined).disagreement).toMatch(/no totals/);
  });
});
