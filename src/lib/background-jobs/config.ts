import { nonNegativeIntFromEnv, positiveIntFromEnv } from "../env";
import { openAIConfig } from "../openai";

export interface RunnerConfig {
  /** BACKGROUND_JOB_CRON_TIME_BUDGET_MS: wall time one cron run may spend starting jobs. */
  budgetMs: number;
  /** BACKGROUND_JOB_SAFETY_BUFFER_MS: no job starts later than deadline minus this (spec: 7.5 s). */
  safetyBufferMs: number;
  /** BACKGROUND_JOB_CONCURRENCY: jobs in flight at once within one run. */
  concurrency: number;
  /** BACKGROUND_JOB_RETRY_DELAY_MS: a failed attempt becomes claimable again after this. */
  retryDelayMs: number;
  /** BACKGROUND_JOB_LEASE_MS: a claim expires after this; a job still "processing" then is reclaimed. */
  leaseMs: number;
}

export const DEFAULT_BUDGET_MS = 240_000;
export const DEFAULT_SAFETY_BUFFER_MS = 7_500;

/** Read per run, so a changed env takes effect on the next tick without a redeploy of module state. */
export function readRunnerConfig(): RunnerConfig {
  const config: RunnerConfig = {
    budgetMs: positiveIntFromEnv("BACKGROUND_JOB_CRON_TIME_BUDGET_MS", DEFAULT_BUDGET_MS),
    safetyBufferMs: nonNegativeIntFromEnv("BACKGROUND_JOB_SAFETY_BUFFER_MS", DEFAULT_SAFETY_BUFFER_MS),
    concurrency: positiveIntFromEnv("BACKGROUND_JOB_CONCURRENCY", 4),
    retryDelayMs: nonNegativeIntFromEnv("BACKGROUND_JOB_RETRY_DELAY_MS", 60_000),
    leaseMs: positiveIntFromEnv("BACKGROUND_JOB_LEASE_MS", 300_000),
  };
  if (config.safetyBufferMs >= config.budgetMs) {
    throw new Error(
      `BACKGROUND_JOB_SAFETY_BUFFER_MS (${config.safetyBufferMs}) must be smaller than BACKGROUND_JOB_CRON_TIME_BUDGET_MS (${config.budgetMs})`,
    );
  }
  // A lease shorter than one job's worst case would let a live run's job be reclaimed and run twice.
  const { timeoutMs, maxRetries } = openAIConfig();
  const worstJobMs = timeoutMs * (maxRetries + 1);
  if (config.leaseMs <= worstJobMs) {
    throw new Error(
      `BACKGROUND_JOB_LEASE_MS (${config.leaseMs}) must exceed OPENAI_TIMEOUT_MS x (OPENAI_MAX_RETRIES + 1) = ${worstJobMs}`,
    );
  }
  return config;
}
