import type pg from "pg";
import { CleanupStack } from "../cleanup-stack";
import { withPgClient } from "../db/with-client";
import { History } from "../history";
import { cronRequest } from "../invoker";
import type { LatencyProfile } from "../openai/latency";
import { OpenAIMock, type OpenAIFaultFactory } from "../openai/mock-openai";
import { SeededRandom } from "../random";
import { ROUTES } from "../target/routes";
import { authorizationHeader, type AppSettings } from "../target/app-env";
import { RUN_DEFAULTS } from "./run-defaults";
import type { Stage, StartedApp } from "../target/stage";
import type { Target } from "../target/target";
import type { TimeScale } from "../time-scale";

/** The run settings a driver may choose; the rest (database, secret) belong to the trial. */
export type RunSettings = Omit<AppSettings, "databaseUrl" | "cronSecret">;

/** What one trial needs to know before anything starts. */
export interface TrialPlan {
  /** Names the trial's database: the scenario, the catalog entry, the bench cell. */
  label: string;
  seed: number;
  scale: TimeScale;
  /** The route under test when it is not the stage's own (one of src/'s sibling routes, a catalog variant). */
  target?: Target;
  /** The request path the route is called on (default: the background-jobs route's). */
  path?: string;
  /** Unset fields take phase 94c's defaults; an app started with a fixed env keeps its own settings. */
  run?: Partial<RunSettings>;
  openai: { latency: LatencyProfile; faults?: readonly OpenAIFaultFactory[] };
  /** Overlapping invocations the driver fires at once; isolated mode lays its instances out for them. */
  invocations: number;
  /** Isolated instances to start regardless of the burst layout (a driver that deals ticks itself). */
  instances?: number;
  /** Where the app reaches the database when not directly (through a PgBouncer the driver started). */
  appDatabaseUrl?: (database: TrialDatabase, cleanup: CleanupStack) => Promise<string>;
  /** Asked at teardown: keep the database for inspection instead of dropping it. */
  keep?: () => boolean;
}

export interface TrialDatabase {
  name: string;
  /** The admin URL (never through a pooler): the observer's. */
  url: string;
}

/**
 * One run of the app under test, whatever drives it: a database of the target's schema, the harness's
 * observer session on it, one history, the OpenAI mock, a seeded random, the app's settings, and the
 * app itself once `start` is called. Scenario bursts, the catalog's ticks and the bench's sweep cells are
 * all drivers of a trial.
 */
export interface Trial {
  readonly stage: Stage;
  readonly target: Target;
  readonly seed: number;
  readonly random: SeededRandom;
  readonly scale: TimeScale;
  readonly database: TrialDatabase;
  readonly observer: pg.Client;
  readonly history: History;
  readonly openai: OpenAIMock;
  readonly settings: AppSettings;
  readonly cleanup: CleanupStack;
  /** Starts (or reaches) the app; its teardown is the trial's. */
  readonly start: () => Promise<StartedApp>;
  /** The cron request for invocation `index` (auth cases can differ per invocation). */
  readonly request: (index: number) => Request;
  /** Inserts `count` jobs through the target's jobs adapter, drawn from the random stream `stream`. */
  readonly seedJobs: (count: number, stream: string, poison?: number) => Promise<void>;
}

/** Opens a trial on `stage`, hands it to `drive`, and tears everything down after, pass, fail or throw. */
export async function withTrial<T>(stage: Stage, plan: TrialPlan, drive: (trial: Trial) => Promise<T>): Promise<T> {
  const cleanup = new CleanupStack();
  try {
    const database = await stage.database(plan.label, cleanup, plan.keep ?? (() => false));
    const databaseUrl = plan.appDatabaseUrl ? await plan.appDatabaseUrl(database, cleanup) : database.url;
    const settings = resolveSettings(stage, plan.run ?? {}, databaseUrl);
    const random = new SeededRandom(plan.seed);
    const history = new History();
    const openai = new OpenAIMock({ scale: plan.scale, random: random.fork("latency"), history, latency: plan.openai.latency });
    if (plan.openai.faults) openai.use(...plan.openai.faults);
    const target = plan.target ?? stage.target;
    const path = plan.path ?? ROUTES["background-jobs"].path;
    return await withPgClient(database.url, (observer) => {
      const trial: Trial = {
        stage,
        target,
        seed: plan.seed,
        random,
        scale: plan.scale,
        database,
        observer,
        history,
        openai,
        settings,
        cleanup,
        start: () => stage.start({ target, settings, scale: plan.scale, history, openai, cleanup, invocations: plan.invocations, instances: plan.instances }),
        request: (index) => cronRequest(path, authorizationHeader(settings.auth, settings.cronSecret, index)),
        seedJobs: (count, stream, poison = 0) => target.jobs.seed(observer, { count, poison, seed: random.fork(stream).seed }),
      };
      return drive(trial);
    });
  } finally {
    await cleanup.run();
  }
}

/** An app started with a fixed env runs with its own settings: judge it by those when they are known. */
function resolveSettings(stage: Stage, run: Partial<RunSettings>, databaseUrl: string): AppSettings {
  const fixed = stage.env.kind === "fixed" ? stage.env.settings : undefined;
  return {
    databaseUrl,
    cronSecret: stage.cronSecret(),
    auth: run.auth ?? RUN_DEFAULTS.auth,
    concurrency: fixed?.concurrency ?? run.concurrency ?? RUN_DEFAULTS.concurrency,
    budgetMs: fixed?.budgetMs ?? run.budgetMs ?? RUN_DEFAULTS.budgetMs,
    safetyBufferMs: fixed?.safetyBufferMs ?? run.safetyBufferMs ?? RUN_DEFAULTS.safetyBufferMs,
    openaiTimeoutMs: fixed?.openaiTimeoutMs ?? run.openaiTimeoutMs ?? RUN_DEFAULTS.openaiTimeoutMs,
    openaiMaxRetries: fixed?.openaiMaxRetries ?? run.openaiMaxRetries ?? RUN_DEFAULTS.openaiMaxRetries,
  };
}
