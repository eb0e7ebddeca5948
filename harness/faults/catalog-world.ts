import type pg from "pg";
import type { Fault, FaultTarget } from "./fault";
import type { History } from "../history";
import type { AppInstance } from "../target/instances/app-instance";
import type { IsolatedInstance } from "../target/instances/isolated-instance";
import type { Invocation } from "../invoker";
import type { OpenAIMock } from "../openai/mock-openai";
import type { SeededRandom } from "../random";
import type { JobsAdapter } from "../target/jobs-adapter";
import type { LockKey } from "../target/lock-key";
import type { TimeScale } from "../time-scale";

/** What a nemesis and the chaos checks can see and touch. */
export interface ChaosWorld extends FaultTarget {
  history: History;
  /** The harness's own session on the scenario database. */
  observer: pg.Client;
  /** Reads the jobs, attempts and runs tables (the catalog runs against src/'s). */
  jobs: JobsAdapter;
  /** Admin URL of the scenario database (not through any pooler). */
  databaseUrl: string;
  databaseName: string;
  openai: OpenAIMock;
  instances: AppInstance[];
  /** Every invocation the ticks fired, once all have settled (empty while the ticks run). */
  invocations: Invocation[];
  scale: TimeScale;
  random: SeededRandom;
  lockKey: LockKey;
  /** Production milliseconds between cron ticks. */
  intervalMs: number;
  /** The pool size the harness gave the app (src/'s DATABASE_POOL_MAX); undefined when the app sizes its own. */
  poolSize?: number;
  /** Set when the app talks to the database through PgBouncer. */
  pgbouncer?: { stats(database: string): Promise<{ clientConnections: number; serverConnections: number; transactions: number }> };
}

export function isolatedInstances(world: ChaosWorld): IsolatedInstance[] {
  return world.instances.filter((i): i is IsolatedInstance => i.mode === "isolated");
}

/** A catalog fault: the one fault interface, acting on the catalog's world. */
export type Nemesis = Fault<ChaosWorld>;
