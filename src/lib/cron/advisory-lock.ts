import pg from "pg";
import { databaseUrl } from "../db/pool";
import { lockChannel, publish, type LockEvent } from "../observability";

/** A held session advisory lock: the session it lives on, and the only way to give it back. */
export interface AdvisoryLockLease {
  readonly key: bigint;
  readonly backendPid: number;
  /** Aborted the moment the holding session dies: the lock is gone with it. */
  readonly lost: AbortSignal;
  /** Unlocks on the holding session, then closes it; closing frees the lock even if the unlock failed. */
  release(): Promise<void>;
}

/**
 * Takes `pg_try_advisory_lock(key)` on a connection of its own. A session lock belongs to the session,
 * so it must never ride on a pooled connection: a pool may run the unlock elsewhere (it then returns
 * false and the lock leaks), and two invocations sharing one session would both "acquire" it
 * (re-entrancy). One dedicated session per holder rules out both.
 */
export type LockStrategy = "session" | "transaction";

interface StrategySql {
  /** Runs before the acquire, on the same session. */
  begin?: string;
  acquire: string;
  release: string;
  releasedWhen: (row: Record<string, unknown> | undefined) => boolean;
}

const STRATEGY_SQL: Record<LockStrategy, StrategySql> = {
  // A session lock lives until unlocked on this session or until the session ends.
  session: {
    acquire: "select pg_try_advisory_lock($1::bigint) as locked, pg_backend_pid() as pid",
    release: "select pg_advisory_unlock($1::bigint) as unlocked",
    releasedWhen: (row) => row?.unlocked === true,
  },
  // A transaction lock lives until the transaction ends. Holding the transaction open pins one server
  // connection even behind a transaction-mode pooler (PgBouncer, Supavisor on 6543, Neon -pooler),
  // where session locks land on connections shared with other clients.
  transaction: {
    begin: "begin",
    acquire: "select pg_try_advisory_xact_lock($1::bigint) as locked, pg_backend_pid() as pid",
    release: "commit",
    releasedWhen: () => true,
  },
};

/** CRON_LOCK_STRATEGY: `session` (default, the phase 94c lock) or `transaction` (behind a transaction pooler). */
export function lockStrategyFromEnv(): LockStrategy {
  const value = process.env.CRON_LOCK_STRATEGY?.trim() || "session";
  if (value !== "session" && value !== "transaction") {
    throw new Error(`CRON_LOCK_STRATEGY must be "session" or "transaction", got "${value}"`);
  }
  return value;
}

export async function tryAcquireLock(key: bigint, route: string, strategy: LockStrategy = "session"): Promise<AdvisoryLockLease | null> {
  const sql = STRATEGY_SQL[strategy];
  const session = new pg.Client({
    connectionString: databaseUrl(),
    application_name: `cron-lock:${route}`,
    connectionTimeoutMillis: 10_000,
    // TCP keepalive turns a silently dropped connection (failover with an address move, a NAT timeout)
    // into an 'error' on the session, and so into `lost`, within about a minute instead of never.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const lost = new AbortController();
  let releasing = false;
  // A client whose backend is terminated emits 'error' (and 'end'); without a listener that crashes the
  // process. Either one, outside release(), means the lock went with the session.
  const onSessionGone = () => {
    if (!releasing && !lost.signal.aborted) lost.abort(new Error(`advisory lock session for ${route} ended`));
  };
  session.on("error", onSessionGone);
  session.on("end", onSessionGone);
  const requestedAt = Date.now();
  await session.connect();
  let locked: boolean;
  let backendPid: number;
  try {
    if (sql.begin) await session.query(sql.begin);
    const { rows } = await session.query<{ locked: boolean; pid: number }>(sql.acquire, [key.toString()]);
    locked = rows[0]?.locked === true;
    backendPid = rows[0]?.pid ?? -1;
  } catch (error) {
    await session.end().catch(() => undefined);
    throw error;
  }
  publishLock({ phase: "acquire", route, key: key.toString(), backendPid, acquired: locked, requestedAt, at: Date.now() });
  if (!locked) {
    // The answer is already "locked"; a failing close must not turn it into a 500.
    await session.end().catch(() => undefined);
    return null;
  }

  lost.signal.addEventListener("abort", () =>
    publishLock({ phase: "lost", route, key: key.toString(), backendPid, at: Date.now() }),
  );
  return {
    key,
    backendPid,
    lost: lost.signal,
    async release() {
      releasing = true;
      const releaseRequestedAt = Date.now();
      let unlocked = false;
      let failure: string | undefined;
      try {
        const { rows } = await session.query<Record<string, unknown>>(sql.release, strategy === "session" ? [key.toString()] : []);
        unlocked = sql.releasedWhen(rows[0]);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      } finally {
        await session.end().catch(() => undefined);
      }
      if (!unlocked) {
        // false means this session no longer held it: the lock was lost mid-run. Closing the session above
        // still guarantees nothing of ours stays locked.
        console.warn(`[cron:${route}] advisory unlock did not release key ${key} (${failure ?? "not held"})`);
      }
      publishLock({ phase: "release", route, key: key.toString(), backendPid, unlocked, error: failure, requestedAt: releaseRequestedAt, at: Date.now() });
    },
  };
}

function publishLock(event: LockEvent): void {
  publish(lockChannel, event);
}
