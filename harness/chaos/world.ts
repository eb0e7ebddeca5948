import type pg from "pg";
import type { History } from "../history";
import type { AppInstance } from "../instances/app-instance";
import type { IsolatedInstance } from "../instances/isolated-instance";
import type { Invocation } from "../invoker";
import type { OpenAIMock } from "../openai/mock-openai";
import type { SeededRandom } from "../random";
import type { JobsAdapter } from "../target/jobs-adapter";
import type { LockKey } from "../target/lock-key";
import type { TimeScale } from "../time-scale";

/** What a nemesis and the chaos checks can see and touch. */
export interface ChaosWorld {
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
  /** Set when the app talks to the database through PgBouncer. */
  pgbouncer?: { stats(database: string): Promise<{ clientConnections: number; serverConnections: number; transactions: number }> };
}

export function isolatedInstances(world: ChaosWorld): IsolatedInstance[] {
  return world.instances.filter((i): i is IsolatedInstance => i.mode === "isolated");
}

/** Waits (event-driven, bounded) for the first job claim, and returns the instance and run doing it. */
export async function firstClaim(world: ChaosWorld): Promise<{ instance: string; runId: string }> {
  const event = await world.history.waitFor("the first job claim", (e) => e.type === "job" && e.phase === "claim", 30_000);
  if (event.type !== "job") throw new Error("unreachable");
  return { instance: event.instance ?? "shared", runId: event.runId };
}

/** The backend pid of the session that holds the lock for `instance`, from its acquire event. */
export function holderBackendPid(world: ChaosWorld, instance: string): number | undefined {
  return world.history.ofType("lock").find((e) => e.phase === "acquire" && e.acquired && e.instance === instance)?.backendPid;
}
