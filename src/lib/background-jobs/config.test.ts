import { afterEach, describe, expect, it } from "vitest";
import { readRunnerConfig } from "./config";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("BACKGROUND_JOB_CRON_TIME_BUDGET_MS", () => {
  it("defaults to 240 s with the 7.5 s safety buffer", () => {
    delete process.env.BACKGROUND_JOB_CRON_TIME_BUDGET_MS;
    delete process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS;
    expect(readRunnerConfig()).toMatchObject({ budgetMs: 240_000, safetyBufferMs: 7_500 });
  });

  it.each(["abc", "0", "-5", "1.5", "12s"])("rejects %j with a message naming the variable", (value) => {
    process.env.BACKGROUND_JOB_CRON_TIME_BUDGET_MS = value;
    expect(() => readRunnerConfig()).toThrow(`BACKGROUND_JOB_CRON_TIME_BUDGET_MS must be a positive integer`);
  });

  it("rejects a safety buffer that leaves no time to start a job", () => {
    process.env.BACKGROUND_JOB_CRON_TIME_BUDGET_MS = "5000";
    process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS = "7500";
    expect(() => readRunnerConfig()).toThrow(/must be smaller than BACKGROUND_JOB_CRON_TIME_BUDGET_MS/);
  });
});
