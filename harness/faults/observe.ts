import { readFile } from "node:fs/promises";
import type { History, HistoryEvent } from "../history";
import type { IsolatedInstance } from "../target/instances/isolated-instance";
import { databaseClockSkew } from "../db/clock-skew";
import { advisoryLockHolders } from "../db/pg-locks";
import { processOwningPort } from "../process/socket-owner";
import { type ChaosWorld, isolatedInstances } from "./catalog-world";

export const TRIGGER_TIMEOUT_MS = 30_000;

/** How often, and how long apart, the holder's session is looked up in pg_locks after a sign of work. */
const HOLDER_LOOKUPS = 20;
/** Signs of work (each maybe a later run's) after which a lock nobody holds is an error. */
const SIGNS_OF_WORK = 3;

/** A sign that a run is at work: a job claimed or an OpenAI call started. */
export const signOfWork = (e: HistoryEvent): boolean => (e.type === "job" && e.phase === "claim") || (e.type === "openai" && e.phase === "start");

/**
 * The session holding the route's lock once a run is at work (its first job claim, or for a route that
 * reports no claims its first OpenAI call). A route that reports its lock calls (src/) names the
 * holder's backend itself; for any other, pg_locks shows which session holds the declared key (looked up
 * again for a moment if the lock is not visible yet).
 */
export async function lockHolderPid(world: ChaosWorld, since = 0): Promise<number> {
  for (let sign = 1, after = since; ; sign += 1, after = Date.now()) {
    const first = await world.history.waitFor("a run at work (its first job claim or OpenAI call)", (e) => e.at >= after && signOfWork(e), TRIGGER_TIMEOUT_MS);
    // The acquire of the run now at work: the last one before its first sign of work.
    const reported = world.history
      .ofType("lock")
      .findLast((e) => e.phase === "acquire" && e.acquired && e.at <= first.at && (first.type !== "job" || e.instance === first.instance));
    if (reported) return reported.backendPid;
    for (let lookup = 0; lookup < HOLDER_LOOKUPS; lookup += 1) {
      const [holder] = await advisoryLockHolders(world.observer, world.lockKey);
      if (holder) return holder.pid;
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The sign can be the last OpenAI call of a run that let the lock go right after: look again at the next run's.
    if (sign === SIGNS_OF_WORK) throw new Error(`cronstorm: runs were at work ${SIGNS_OF_WORK} times but no session held the route's lock`);
  }
}

/** Whether this backend holds the route's lock now. */
async function holdsLock(world: ChaosWorld, pid: number): Promise<boolean> {
  return (await advisoryLockHolders(world.observer, world.lockKey)).some((h) => h.pid === pid);
}

/** Holders that may end their run between being found and being traced to a process, before that is an error. */
const HOLDER_TRACES = 3;

/**
 * The isolated instance whose run holds the lock, and the holder's backend: named by the route's own
 * claim event where it reports one (src/), else the child process that owns the holder session's socket
 * (pg_stat_activity.client_port against /proc, Linux). Under load a holder can end its run between the
 * lookup and the trace, its session gone; then the next run at work is the holder (seen in a gate run:
 * "no instance process owns the lock holder's session").
 */
export async function lockHolderInstance(world: ChaosWorld, since = 0): Promise<{ instance: IsolatedInstance; pid: number }> {
  const isolated = isolatedInstances(world);
  if (isolated.length === 0) throw new Error("cronstorm: this fault needs isolated instances");
  for (let trace = 1; ; trace += 1) {
    const pid = await lockHolderPid(world, since);
    const claim = world.history.ofType("job").find((e) => e.phase === "claim" && e.at >= since);
    const named = claim && isolated.find((i) => i.name === claim.instance);
    if (named) return { instance: named, pid };
    const { rows } = await world.observer.query<{ port: number }>("select client_port as port from pg_stat_activity where pid = $1", [pid]);
    const ownerPid = await processOwningPort(isolated.map((i) => i.pid), rows[0]?.port ?? -1);
    const owner = isolated.find((i) => i.pid === ownerPid);
    if (owner) return { instance: owner, pid };
    const stillHolds = await holdsLock(world, pid);
    if (stillHolds || trace === HOLDER_TRACES) {
      const why = stillHolds ? "it still holds the lock" : `the last of ${HOLDER_TRACES} holders in a row ended its run before it was traced`;
      throw new Error(`cronstorm: no instance process owns the lock holder's session (backend ${pid}; ${why}); finding it needs /proc and a TCP connection`);
    }
    since = Date.now();
  }
}

/**
 * Open attempts (claimed, not finished) in the target's tables: a run has jobs in hand. `startedBy`:
 * only those started by then (the database's time, within the clock skew), not a later run's.
 */
export async function openAttempts(world: ChaosWorld, startedBy = Number.POSITIVE_INFINITY): Promise<number> {
  const slack = Number.isFinite(startedBy) ? await databaseClockSkew(world.observer) : 0;
  return (await world.jobs.readAttempts(world.observer)).filter((a) => a.finishedAt === null && a.startedAt.getTime() <= startedBy + slack).length;
}

/**
 * Whether a session has written in a transaction still open: an app whose run works inside the lock's
 * transaction (a transaction-level lock) has claims no other session can see yet, but its backend has
 * a transaction id from its first write.
 */
export async function inWriteTransaction(world: ChaosWorld, pid: number): Promise<boolean> {
  const { rows } = await world.observer.query<{ writing: boolean }>("select backend_xid is not null as writing from pg_stat_activity where pid = $1", [pid]);
  return rows[0]?.writing ?? false;
}

const NEXT_CALL_WAIT_MS = 2_000;

/**
 * Work the lock's holder has in hand: open attempts in the tables, or writes in a transaction still open.
 * Under load a first look can land between two jobs; then it waits for the next OpenAI call while the
 * same session still holds the lock, and looks again (at most `looks` times), so a kill lands mid-work.
 */
export async function workInHand(world: ChaosWorld, pid: number, looks = 4): Promise<{ attempts: number; writing: boolean }> {
  for (let look = 1; ; look += 1) {
    const seen = { attempts: await openAttempts(world), writing: await inWriteTransaction(world, pid) };
    if (seen.attempts > 0 || seen.writing || look === looks) return seen;
    if (!(await holdsLock(world, pid))) return seen;
    const since = Date.now();
    // A run at work starts a call every few hundred ms of wall time; one that has none left is done with its work.
    await world.history.waitFor("the lock holder's next OpenAI call", (e) => e.type === "openai" && e.phase === "start" && e.at >= since, NEXT_CALL_WAIT_MS).catch(() => undefined);
  }
}

/** Whether the route reports its job claims (src/'s diagnostics). */
export const reportsClaims = (world: ChaosWorld): boolean => world.history.ofType("job").length > 0;

/** Whether the route reports its lock calls (src/'s diagnostics): then faults can also check what it saw. */
export const reportsLockEvents = (world: ChaosWorld): boolean => world.history.ofType("lock").length > 0;

/** Waits until `count` more cron ticks have fired after `since`: how long "longer than an interval" is. */
export function ticksAfter(history: History, since: number, count: number): Promise<HistoryEvent> {
  return history.waitFor(`${count} cron ticks after the fault`, (e) => e.type === "tick" && e.at > since && history.ofType("tick").filter((t) => t.at > since).length >= count, TRIGGER_TIMEOUT_MS);
}

/**
 * `at`: when the fault began acting, where that is earlier than now (a kill recorded once its queries
 * returned). `target`: the backend or instance a kill hit.
 */
export function faultEvent(world: ChaosWorld, phase: "start" | "heal" | "fired", fault: string, detail?: string, at = Date.now(), target: { pid?: number; instance?: string } = {}): void {
  world.history.append({ type: "fault", phase, at, fault, detail, ...target });
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
