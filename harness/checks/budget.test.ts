import { describe, expect, it } from "vitest";
import { History } from "../history";
import { newStats } from "../openai/mock-context";
import type { AttemptRow, JobsAdapter, RunRow } from "../target/jobs-adapter";
import { TimeScale } from "../time-scale";
import { SCHEDULING_SLACK_WALL_MS, withinBudget } from "./budget";
import type { CheckInput } from "./check-input";

const T0 = 1_700_000_000_000;
const SCALE = new TimeScale(60);
/** Production settings: 240 s budget, 7.5 s buffer, 20 s OpenAI timeout. */
const SETTINGS = { budgetMs: 240_000, safetyBufferMs: 7_500, openaiTimeoutMs: 20_000 };
/** In wall ms at ×60: the last allowed start (232.5 s) and one OpenAI timeout (20 s). */
const LAST_START_WALL = 3_875;
const TIMEOUT_WALL = 20_000 / 60;

/**
 * One run from T0 that started its last job `lastStartWall` in and ended `tookWall` in; `retried`: the
 * most times the mock saw the SDK retry one call.
 */
function input({ lastStartWall, tookWall, maxRetries, retried = maxRetries, counted = true }: { lastStartWall: number; tookWall: number; maxRetries: number; retried?: number; counted?: boolean }): CheckInput {
  const run: RunRow = { runId: "aaaaaaaa-run", startedAt: new Date(T0), finishedAt: new Date(T0 + tookWall), durationMs: tookWall };
  const attempt: AttemptRow = { jobId: "j1", runId: run.runId, startedAt: new Date(T0 + lastStartWall), finishedAt: new Date(T0 + tookWall), outcome: "failed", error: "timed out" };
  const jobs = { readRuns: () => Promise.resolve([run]), readAttempts: () => Promise.resolve([attempt]) } as unknown as JobsAdapter;
  const openai = { ...newStats(), mostRetries: retried, retriesCounted: counted };
  return { history: new History(), jobs, scale: SCALE, openai, settings: { ...SETTINGS, openaiMaxRetries: maxRetries } } as unknown as CheckInput;
}

describe("run stays within the time budget", () => {
  // A job started at the last moment whose every attempt hangs until the timeout: three attempts, and the
  // SDK's sleeps before the two retries (0.5 s and 1 s of wall time, whatever the scale).
  const hungJobEnd = LAST_START_WALL + 3 * TIMEOUT_WALL + 500 + 1_000;

  it("allows the openai SDK's sleeps between retries, which the scale does not compress", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: hungJobEnd + SCHEDULING_SLACK_WALL_MS - 1, maxRetries: 2 }));
    expect(verdict.status).toBe("pass");
    expect(verdict.figures?.["SDK retry sleeps (s)"]).toBe("90.0");
  });

  it("still fails a run that ends later than that", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: hungJobEnd + SCHEDULING_SLACK_WALL_MS + 10, maxRetries: 2 }));
    expect(verdict.status).toBe("fail");
    // 232.5 s + 3 × 20 s + 90 s of SDK sleeps (1.5 s wall) + 15 s of slack.
    expect(verdict.detail).toBe("run aaaaaaaa took 398.1 s, allowed 397.5 s");
  });

  it("allows no sleep when the SDK may not retry", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: LAST_START_WALL + TIMEOUT_WALL + SCHEDULING_SLACK_WALL_MS + 10, maxRetries: 0 }));
    expect(verdict.status).toBe("fail");
    expect(verdict.figures?.["SDK retry sleeps (s)"]).toBe("0.0");
  });

  it("allows no sleep when the SDK may retry but no call was retried", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: LAST_START_WALL + 3 * TIMEOUT_WALL + SCHEDULING_SLACK_WALL_MS + 10, maxRetries: 2, retried: 0 }));
    expect(verdict.status).toBe("fail");
    expect(verdict.figures?.["SDK retry sleeps (s)"]).toBe("0.0");
  });

  it("allows every retry's sleep for a client that does not number its retries", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: LAST_START_WALL + 100, maxRetries: 2, retried: 0, counted: false }));
    expect(verdict.figures?.["SDK retry sleeps (s)"]).toBe("90.0");
  });

  it("allows only the sleeps of the retries it saw", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL, tookWall: LAST_START_WALL + 100, maxRetries: 2, retried: 1 }));
    expect(verdict.figures?.["SDK retry sleeps (s)"]).toBe("30.0");
  });

  it("fails a job started after the last allowed start, in production seconds", async () => {
    const verdict = await withinBudget(input({ lastStartWall: LAST_START_WALL + 10, tookWall: LAST_START_WALL + 100, maxRetries: 0 }));
    expect(verdict.status).toBe("fail");
    expect(verdict.detail).toBe("run aaaaaaaa started a job at 233.1 s, after the last allowed start 232.5 s");
  });
});
