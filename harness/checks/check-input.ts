import type pg from "pg";
import type { History } from "../history";
import type { JobsAdapter } from "../target/jobs-adapter";
import type { LockKey } from "../target/lock-key";
import type { Invocation } from "../invoker";
import type { OpenAIStats } from "../openai/mock-context";
import type { TimeScale } from "../time-scale";

/** Everything a check may read: the history, the invocations, and an independent database session. */
export interface CheckInput {
  history: History;
  /** The invocations the driver fired: a scenario's overlapping burst, or every tick's of a catalog entry. */
  burst: Invocation[];
  /** Invocations fired after the fault healed. */
  followUps: Invocation[];
  /** A session of the harness's own, never one the app used. */
  observer: pg.Client;
  /** Reads the target's jobs, attempts and runs tables. */
  jobs: JobsAdapter;
  lockKey: LockKey;
  scale: TimeScale;
  openai: OpenAIStats;
  /** Production milliseconds, as configured for the app. */
  settings: { budgetMs: number; safetyBufferMs: number; openaiTimeoutMs: number; openaiMaxRetries: number };
  secretsThatMustNotLeak: string[];
  /** How far the database clock may be from the harness's (wall ms). */
  clockSkewMs: number;
  /** The status every burst invocation must answer, when the scenario makes the run fail on purpose. */
  expectedStatus?: number;
}
