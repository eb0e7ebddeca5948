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

describe("BACKGROUND_JOB_LEASE_MS", () => {
  it("must outlast one job's worst case, or a live run's job could be reclaimed and run twice", () => {
    process.env.OPENAI_TIMEOUT_MS = "60000";
    process.env.OPENAI_MAX_RETRIES = "2";
    process.env.BACKGROUND_JOB_LEASE_MS = "180000";
    expect(() => readRunnerConfig()).toThrow("BACKGROUND_JOB_LEASE_MS (180000) must exceed OPENAI_TIMEOUT_MS x (OPENAI_MAX_RETRIES + 1) = 180000");
    process.env.BACKGROUND_JOB_LEASE_MS = "180001";
    expect(readRunnerConfig().leaseMs).toBe(180_001);
  });
});
