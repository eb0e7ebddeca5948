import type { TimeScale } from "../time-scale";
import type { AuthCase } from "./spec";

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

/** The env the app reads, with every duration compressed by the time scale. */
export function appEnv(settings: AppSettings, scale: TimeScale): Record<string, string | undefined> {
  return {
    DATABASE_URL: settings.databaseUrl,
    CRON_SECRET: settings.auth === "unset-secret-bearer-undefined" ? undefined : settings.cronSecret,
    OPENAI_API_KEY: "sk-cronstorm-not-a-real-key",
    OPENAI_BASE_URL: undefined,
    OPENAI_TIMEOUT_MS: scale.toWallEnv(settings.openaiTimeoutMs),
    OPENAI_MAX_RETRIES: String(settings.openaiMaxRetries),
    BACKGROUND_JOB_CRON_TIME_BUDGET_MS: scale.toWallEnv(settings.budgetMs),
    BACKGROUND_JOB_SAFETY_BUFFER_MS: scale.toWallEnv(settings.safetyBufferMs),
    BACKGROUND_JOB_CONCURRENCY: String(settings.concurrency),
    BACKGROUND_JOB_RETRY_DELAY_MS: scale.toWallEnv(60_000),
    BACKGROUND_JOB_LEASE_MS: scale.toWallEnv(jobLeaseMs(settings)),
  };
}

/** One job's worst case (OpenAI timeout x attempts) plus 30 s of production time for its database writes. */
export function jobLeaseMs(settings: Pick<AppSettings, "openaiTimeoutMs" | "openaiMaxRetries">): number {
  return settings.openaiTimeoutMs * (settings.openaiMaxRetries + 1) + 30_000;
}

/** The Authorization header each auth case sends. */
export function authorizationHeader(auth: AuthCase, secret: string): string | undefined {
  switch (auth) {
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
