import type pg from "pg";
import { advisoryLocksHeld } from "./pg-locks";

export interface Leftovers {
  /** Sessions on the database other than the observer's own. */
  sessions: { pid: number; application: string; state: string; query: string }[];
  /** Advisory locks anyone still holds on the database. */
  advisoryLocks: { pid: number; key: string }[];
}

/**
 * What an app left on its database once it should have let go of everything: sessions other than the
 * observer, and advisory locks. A backend exits a moment after its client hangs up, so this waits (a
 * bounded poll, checking every 10 ms) for them to go before it reports what stayed. `idlePool`: the
 * app's pool stays open on purpose, so its idle sessions are no leftovers; a busy one, or one still in
 * a transaction, is.
 */
export async function leftoversOn(observer: pg.Client, { waitMs = 2_000, idlePool = false } = {}): Promise<Leftovers> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await readLeftovers(observer, idlePool);
    if ((found.sessions.length === 0 && found.advisoryLocks.length === 0) || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Client sessions on the observer's database other than its own. */
async function otherSessions(observer: pg.Client): Promise<Leftovers["sessions"]> {
  const { rows } = await observer.query<Leftovers["sessions"][number]>(
    `select pid, coalesce(application_name, '') as application, coalesce(state, '') as state, left(coalesce(query, ''), 120) as query
     from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows;
}

async function readLeftovers(observer: pg.Client, idlePool: boolean): Promise<Leftovers> {
  const sessions = (await otherSessions(observer)).filter((s) => !idlePool || s.state !== "idle");
  const advisoryLocks = (await advisoryLocksHeld(observer)).map(({ pid, key }) => ({ pid, key }));
  return { sessions, advisoryLocks };
}

/** One sentence naming each leftover, or undefined when there is none. */
export function describeLeftovers({ sessions, advisoryLocks }: Leftovers): string | undefined {
  const parts = [
    ...sessions.map((s) => `session pid ${s.pid} (${s.application || "unnamed"}, ${s.state || "no state"}: ${s.query || "no query"})`),
    ...advisoryLocks.map((l) => `advisory lock ${l.key} held by pid ${l.pid}`),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}
