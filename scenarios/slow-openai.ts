import { latency } from "../harness/openai/latency";
import type { ScenarioSpec } from "../harness/drivers/scenario/spec";

/**
 * OpenAI with a p99 (12 s) above the 7.5 s safety buffer and more work than one budget can drain: the
 * run must stop starting jobs at budget − buffer and end within one job's timeout of it.
 */
export const SLOW_OPENAI: ScenarioSpec = {
  name: "slow-openai-budget",
  proves: "with OpenAI p50 2.5 s / p99 12 s and a backlog larger than one run, no job starts after 240 s − 7.5 s and the run ends within the budget allowance",
  invocations: 1,
  jobs: 600,
  concurrency: 4,
  openai: { latency: latency.longTail(2_500, 12_000), timeoutMs: 20_000, maxRetries: 0 },
  checks: ["within-budget", "no-double-processing", "work-inside-lock", "lock-free", "error-body-safe"],
};
