import type { AppEnvSettings } from "./target";
import type { TimeScale } from "../time-scale";
import { nearMissTokens } from "./near-miss-tokens";
import type { AuthCase } from "../drivers/scenario/spec";

export interface AppSettings {
  databaseUrl: string;
  cronSecret: string;
  auth: AuthCase;
  concurrency: number;
  budgetMs: number;
  safetyBufferMs: number;
  openaiTimeoutMs: number;
  openaiMaxRetries: number;
}

/** src/'s env, with every duration compressed by the time scale. */
export function appEnv(settings: AppSettings, scale: TimeScale): Record<string, string | undefined> {
  return {
    DATABASE_URL: settings.databaseUrl,
    CRON_SECRET: settings.auth === "unset-secret-bearer-undefined" ? undefined : settings.cronSecret,
    OPENAI_API_KEY: MOCK_OPENAI_KEY,
    OPENAI_BASE_URL: undefined,
    ...srcRunnerEnv(wallSettings(settings, scale)),
  };
}

/** Any key will do: no request ever reaches OpenAI, the msw handlers answer instead. */
export const MOCK_OPENAI_KEY = "sk-cronstorm-not-a-real-key";

/** The run settings in wall milliseconds (whole, at least 1), as the app will read them. */
export function wallSettings(settings: AppSettings, scale: TimeScale): AppEnvSettings {
  const wall = (productionMs: number) => Number(scale.toWallEnv(productionMs));
  return {
    budgetMs: wall(settings.budgetMs),
    safetyBufferMs: wall(settings.safetyBufferMs),
    concurrency: settings.concurrency,
    openaiTimeoutMs: wall(settings.openaiTimeoutMs),
    openaiMaxRetries: settings.openaiMaxRetries,
    retryDelayMs: wall(60_000),
    leaseMs: wall(jobLeaseMs(settings)),
  };
}

/** src/'s names for the run settings: the default `appEnv` of a target. */
export function srcRunnerEnv(s: AppEnvSettings): Record<string, string> {
  return {
    OPENAI_TIMEOUT_MS: String(s.openaiTimeoutMs),
    OPENAI_MAX_RETRIES: String(s.openaiMaxRetries),
    BACKGROUND_JOB_CRON_TIME_BUDGET_MS: String(s.budgetMs),
    BACKGROUND_JOB_SAFETY_BUFFER_MS: String(s.safetyBufferMs),
    BACKGROUND_JOB_CONCURRENCY: String(s.concurrency),
    BACKGROUND_JOB_RETRY_DELAY_MS: String(s.retryDelayMs),
    BACKGROUND_JOB_LEASE_MS: String(s.leaseMs),
  };
}

/** One job's worst case (OpenAI timeout x attempts) plus 30 s of production time for its database writes. */
export function jobLeaseMs(settings: Pick<AppSettings, "openaiTimeoutMs" | "openaiMaxRetries">): number {
  return settings.openaiTimeoutMs * (settings.openaiMaxRetries + 1) + 30_000;
}

/** The Authorization header each auth case sends; `near-miss` sends invocation i the i-th almost-secret. */
export function authorizationHeader(auth: AuthCase, secret: string, invocation = 0): string | undefined {
  switch (auth) {
    case "near-miss": {
      const misses = nearMissTokens(secret);
      return `Bearer ${misses[invocation % misses.length]?.token ?? ""}`;
    }
    case "valid":
      return `Bearer ${secret}`;
    case "missing":
      return undefined;
    case "wrong":
      return `Bearer ${secret}-but-wrong`;
    case "malformed":
      return `Basic ${secret}`;
    case "unset-secret-bearer-undefined":
      return "Bearer undefined";
  }
}

/** Sets env vars for the app in this process and returns a function that puts the old values back. */
export function applyEnv(vars: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  set(vars);
  return () => set(previous);
}
