import type { JobsAdapter } from "./jobs-adapter";
import type { KnownBreak, KnownOutcomes } from "./known-outcomes";
import type { LockKey, LockKeyConfig } from "./lock-key";

/**
 * The settings the harness hands the app, durations already compressed to wall milliseconds: what a
 * target's `appEnv` turns into the env names its app reads.
 */
export interface AppEnvSettings {
  budgetMs: number;
  safetyBufferMs: number;
  concurrency: number;
  openaiTimeoutMs: number;
  openaiMaxRetries: number;
  retryDelayMs: number;
  leaseMs: number;
}

/** What a `cronstorm.config.ts` default-exports (through `defineTarget`). */
export interface TargetConfig {
  /** Shown in verdict tables and reports. */
  name: string;
  /** An App Router route module exporting `GET(request)`, relative to the config file. Set this or `url`. */
  module?: string;
  /** The cron route of an app you started yourself, e.g. http://127.0.0.1:3000/api/cron/jobs. Set this or `module`. */
  url?: string;
  /**
   * The advisory lock key the route must take, in the form its SQL takes it: a bigint (63063063063n) or a
   * string of digits for `pg_try_advisory_lock(bigint)`, `[7, 42]` for `pg_try_advisory_lock(int4, int4)`,
   * `{ hashtext: "cron:jobs" }` for `pg_try_advisory_lock(hashtext('cron:jobs'))`. Session or `_xact_`
   * locks alike.
   */
  lockKey: LockKeyConfig;
  /** The env var the app reads its cron secret from (src/: CRON_SECRET). */
  cronSecretEnv: string;
  /** The env var the app reads its database URL from (default DATABASE_URL). */
  databaseUrlEnv?: string;
  /** The env var the app reads its OpenAI base URL from (default OPENAI_BASE_URL). */
  openaiBaseUrlEnv?: string;
  /** The app's own env for the run settings (default: src/'s BACKGROUND_JOB_* and OPENAI_* names). */
  appEnv?: (settings: AppEnvSettings) => Record<string, string | undefined>;
  /** How to migrate, seed and read the jobs tables (default: src/'s schema). */
  jobs?: JobsAdapter;
  /**
   * Module targets, shared mode: forget module state (close the app's pool) after each scenario, so every
   * scenario gets a database of its own. Default: close src/'s pool for a module under src/. Without one,
   * shared mode keeps the app's database URL fixed for the run and re-creates its content before each
   * scenario (an import-time client needs nothing more); isolated mode starts fresh processes and needs none.
   */
  resetModuleState?: () => Promise<void>;
  /**
   * Fault catalog entries this app is known not to survive: why, and exactly which checks catch it, e.g.
   * `{ "kill-holder": { why: "no job lease: a killed run's jobs stay claimed", caughtBy: ["nothing-lost"] } }`.
   * The catalog expects exactly that (and fails if it stops breaking, so the list stays true).
   */
  knownBreaks?: Record<string, KnownBreak>;
  /** Catalog entries that break every session lock but not this app (e.g. a transaction lock behind PgBouncer), with why. */
  knownSurvives?: Record<string, string>;
}

interface ResolvedBase {
  name: string;
  /** Where the target came from: a config file, a URL, or the built-in src/. */
  source: string;
  /** The built-in src/ target: the one src/'s sibling routes and the fault catalog belong to. */
  builtIn: boolean;
  lockKey: LockKey;
  env: { cronSecret: string; databaseUrl: string; openaiBaseUrl: string };
  appEnv: (settings: AppEnvSettings) => Record<string, string | undefined>;
  jobs: JobsAdapter;
  knownBreaks: KnownOutcomes["knownBreaks"];
  knownSurvives: KnownOutcomes["knownSurvives"];
}

/** A route module the harness imports and calls, in its own process (shared) or in child processes (isolated). */
export interface ModuleTarget extends ResolvedBase {
  kind: "module";
  /** Absolute path. */
  module: string;
  /** undefined: a module outside src/ that declared none; shared mode keeps its database URL fixed for the run. */
  resetModuleState: (() => Promise<void>) | undefined;
}

/** A running app the harness calls over HTTP. */
export interface HttpTarget extends ResolvedBase {
  kind: "http";
  url: string;
}

/** A validated target: every default filled in. */
export type Target = ModuleTarget | HttpTarget;
