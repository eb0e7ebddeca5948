import type { AuthCase } from "../drivers/scenario/spec";

/** Phase 94c's runner defaults: BACKGROUND_JOB_CRON_TIME_BUDGET_MS, and no job starts closer to the deadline than this. */
export const PHASE_94C = { budgetMs: 240_000, safetyBufferMs: 7_500 } as const;

/** The run settings every trial starts from; a driver overrides what it sweeps or stresses. */
export const RUN_DEFAULTS = {
  concurrency: 4,
  budgetMs: PHASE_94C.budgetMs,
  safetyBufferMs: PHASE_94C.safetyBufferMs,
  openaiTimeoutMs: 60_000,
  openaiMaxRetries: 2,
  auth: "valid" as AuthCase,
};
