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
    // Equal leaves a zero-length window: no job could ever start.
    process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS = "5000";
    expect(() => readRunnerConfig()).toThrow(/must be smaller than BACKGROUND_JOB_CRON_TIME_BUDGET_MS/);
    process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS = "4999";
    expect(readRunnerConfig()).toMatchObject({ budgetMs: 5_000, safetyBufferMs: 4_999 });
  });
});

describe("the other runner settings", () => {
  it("are read from their env vars, with the documented defaults", () => {
    for (const name of ["BACKGROUND_JOB_CONCURRENCY", "BACKGROUND_JOB_RETRY_DELAY_MS", "BACKGROUND_JOB_LEASE_MS"]) delete process.env[name];
    expect(readRunnerConfig()).toMatchObject({ concurrency: 4, retryDelayMs: 60_000, leaseMs: 300_000 });
    process.env.BACKGROUND_JOB_CONCURRENCY = "7";
    process.env.BACKGROUND_JOB_RETRY_DELAY_MS = "0";
    process.env.BACKGROUND_JOB_LEASE_MS = "400000";
    expect(readRunnerConfig()).toMatchObject({ concurrency: 7, retryDelayMs: 0, leaseMs: 400_000 });
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
