import { readFile } from "node:fs/promises";
import type { History, HistoryEvent } from "../../history";
import type { IsolatedInstance } from "../../instances/isolated-instance";
import { type ChaosWorld, firstClaim, isolatedInstances } from "../world";

export const TRIGGER_TIMEOUT_MS = 30_000;

/** The isolated instance that is doing the first run's work: the lock holder. */
export async function lockHolderInstance(world: ChaosWorld): Promise<IsolatedInstance> {
  const { instance } = await firstClaim(world);
  const holder = isolatedInstances(world).find((i) => i.name === instance);
  if (!holder) throw new Error(`cronstorm: this fault needs isolated instances; the holder ran on "${instance}"`);
  return holder;
}

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
