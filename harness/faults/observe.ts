import { readFile } from "node:fs/promises";
import type { History, HistoryEvent } from "../history";
import type { IsolatedInstance } from "../instances/isolated-instance";
import { advisoryLockHolders } from "../db/pg-locks";
import { processOwningPort } from "../process/socket-owner";
import { type ChaosWorld, isolatedInstances } from "./catalog-world";

export const TRIGGER_TIMEOUT_MS = 30_000;

export interface LockHolder {
  /** The backend holding the route's lock. */
  pid: number;
  /** The isolated instance whose process owns that session; undefined in shared mode. */
  instance: IsolatedInstance | undefined;
}

/**
 * The run at work holding the route's lock, judged from what every target exposes: its first job claim
 * or OpenAI call (a run is working), then the session pg_locks shows holding the declared key, then (isolated)
 * the instance process that owns that session's socket.
 */
export async function lockHolder(world: ChaosWorld): Promise<LockHolder> {
  // A route that reports its claims (src/) is caught at its first claim, before any job is in flight; any
  // other at its first OpenAI call.
  const atWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim") || (e.type === "openai" && e.phase === "start");
  await world.history.waitFor("a run at work (its first job claim or OpenAI call)", atWork, TRIGGER_TIMEOUT_MS);
  const [holder] = await advisoryLockHolders(world.observer, world.lockKey);
  if (!holder) throw new Error("cronstorm: a run was at work but no session held the route's lock");
  const isolated = isolatedInstances(world);
  if (isolated.length === 0) return { pid: holder.pid, instance: undefined };
  const { rows } = await world.observer.query<{ port: number }>("select client_port as port from pg_stat_activity where pid = $1", [holder.pid]);
  const ownerPid = await processOwningPort(isolated.map((i) => i.pid), rows[0]?.port ?? -1);
  const instance = isolated.find((i) => i.pid === ownerPid);
  if (!instance) throw new Error(`cronstorm: no instance process owns the lock holder's session (backend ${holder.pid})`);
  return { pid: holder.pid, instance };
}

/** The isolated instance doing the first run's work: the lock holder. */
export async function lockHolderInstance(world: ChaosWorld): Promise<IsolatedInstance> {
  const { instance } = await lockHolder(world);
  if (!instance) throw new Error("cronstorm: this fault needs isolated instances");
  return instance;
}

/** Open attempts (claimed, not finished) in the target's tables: a run has jobs in hand. */
export async function openAttempts(world: ChaosWorld): Promise<number> {
  return (await world.jobs.readAttempts(world.observer)).filter((a) => a.finishedAt === null).length;
}

/** Whether the route reports its lock calls (src/'s diagnostics): then faults can also check what it saw. */
export const reportsLockEvents = (world: ChaosWorld): boolean => world.history.ofType("lock").length > 0;

/** Waits until `count` more cron ticks have fired after `since`: how long "longer than an interval" is. */
export function ticksAfter(history: History, since: number, count: number): Promise<HistoryEvent> {
  return history.waitFor(`${count} cron ticks after the fault`, (e) => e.type === "tick" && e.at > since && history.ofType("tick").filter((t) => t.at > since).length >= count, TRIGGER_TIMEOUT_MS);
}

export function faultEvent(world: ChaosWorld, phase: "start" | "heal" | "fired", fault: string, detail?: string): void {
  world.history.append({ type: "fault", phase, at: Date.now(), fault, detail });
}

/** Backends of the app on the scenario database, besides the harness's observer. */
export async function appBackends(world: ChaosWorld): Promise<{ pid: number; application: string }[]> {
  const { rows } = await world.observer.query<{ pid: number; application: string }>(
    `select pid, application_name as application from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows;
}

/**
 * A process's state letter from /proc, once it reaches `wanted` (signal delivery is asynchronous) or
 * after 2 s. Linux has no event for "stopped" that Node can wait on.
 */
export async function processState(pid: number, wanted: string): Promise<string> {
  const deadline = Date.now() + 2_000;
  let state = "?";
  while (Date.now() < deadline) {
    state = (await readFile(`/proc/${pid}/stat`, "utf8")).split(" ")[2] ?? "?";
    if (state === wanted) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return state;
}
