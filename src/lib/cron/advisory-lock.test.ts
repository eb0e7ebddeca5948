import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { advisoryLockHolders } from "../../../harness/db/pg-locks";
import { bigintLockKey } from "../../../harness/target/lock-key";
import { useAppDatabase } from "../../../harness/vitest/app-database";
import type { LockEvent } from "../observability";
import { type AdvisoryLockLease, lockStrategyFromEnv, tryAcquireLock } from "./advisory-lock";

const KEY = 42_424_242_424n;
const ROUTE = "unit-test";

// Asymmetric matchers are typed `any`; held as unknown they type-check inside expected objects.
const aNumber: unknown = expect.any(Number);
const aString: unknown = expect.any(String);

describe("lockStrategyFromEnv", () => {
  const saved = process.env.CRON_LOCK_STRATEGY;
  afterEach(() => {
    if (saved === undefined) delete process.env.CRON_LOCK_STRATEGY;
    else process.env.CRON_LOCK_STRATEGY = saved;
  });

  it("is the phase 94c session lock when unset or blank", () => {
    delete process.env.CRON_LOCK_STRATEGY;
    expect(lockStrategyFromEnv()).toBe("session");
    process.env.CRON_LOCK_STRATEGY = "  ";
    expect(lockStrategyFromEnv()).toBe("session");
  });

  it("accepts both strategies, ignoring surrounding whitespace", () => {
    process.env.CRON_LOCK_STRATEGY = " transaction\n";
    expect(lockStrategyFromEnv()).toBe("transaction");
    process.env.CRON_LOCK_STRATEGY = "session";
    expect(lockStrategyFromEnv()).toBe("session");
  });

  it("rejects anything else, naming the variable and the accepted values", () => {
    process.env.CRON_LOCK_STRATEGY = "pooled";
    expect(() => lockStrategyFromEnv()).toThrow('CRON_LOCK_STRATEGY must be "session" or "transaction", got "pooled"');
  });
});

describe("tryAcquireLock", () => {
  const db = useAppDatabase("advisory-lock");

  const lockEvents = () => {
    const events: LockEvent[] = [];
    const listener = (message: unknown) => void events.push(message as LockEvent);
    subscribe("cronstorm-app:lock", listener);
    onTestFinished(() => void unsubscribe("cronstorm-app:lock", listener));
    return events;
  };
  const warnings = () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    onTestFinished(() => warn.mockRestore());
    return warn;
  };
  const holders = () => advisoryLockHolders(db.observer, bigintLockKey(KEY));
  const acquired = async (strategy?: "session" | "transaction"): Promise<AdvisoryLockLease> => {
    const lease = await tryAcquireLock(KEY, ROUTE, strategy);
    if (!lease) throw new Error("expected the lock to be free");
    return lease;
  };
  /** A closed or terminated session's backend exits (and drops its locks) a moment after the client sees it close. */
  const eventuallyEmpty = async <T>(read: () => Promise<T[]>): Promise<T[]> => {
    for (let i = 0; ; i += 1) {
      const rows = await read();
      if (rows.length === 0 || i === 40) return rows;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const holdersLeft = () => eventuallyEmpty(holders);
  /** The route's lock sessions still connected. */
  const lockSessions = async () =>
    (await db.observer.query<{ pid: number }>("select pid from pg_stat_activity where application_name = $1", [`cron-lock:${ROUTE}`])).rows;
  const lockSessionsLeft = async () => (await eventuallyEmpty(lockSessions)).length;
  /**
   * Shadows a pg_catalog function for new sessions of the test database (public first on the search
   * path): a real PostgreSQL answering the way a pooled or failing connection would.
   */
  const shadow = async (definition: string) => {
    await db.observer.query(definition);
    await db.observer.query(`do $$ begin execute format('alter database %I set search_path = public, pg_catalog', current_database()); end $$`);
  };

  it("takes the key on a session of its own, named after the route, and release unlocks and closes it", async () => {
    const events = lockEvents();
    const warn = warnings();
    const lease = await acquired();
    expect(lease.key).toBe(KEY);
    expect(await holders()).toEqual([{ pid: lease.backendPid, application: `cron-lock:${ROUTE}`, key: KEY.toString() }]);

    await lease.release();
    expect(await holders()).toEqual([]);
    expect(await lockSessionsLeft()).toBe(0);
    // Its own close is not a lost lock.
    expect(lease.lost.aborted).toBe(false);
    expect(warn).not.toHaveBeenCalled();
    expect(events).toEqual([
      { phase: "acquire", route: ROUTE, key: KEY.toString(), backendPid: lease.backendPid, acquired: true, requestedAt: aNumber, at: aNumber },
      { phase: "release", route: ROUTE, key: KEY.toString(), backendPid: lease.backendPid, unlocked: true, error: undefined, requestedAt: aNumber, at: aNumber },
    ]);
  });

  it("answers null while another session holds the key, and closes its session", async () => {
    const events = lockEvents();
    await db.observer.query("select pg_advisory_lock($1::bigint)", [KEY.toString()]);
    expect(await tryAcquireLock(KEY, ROUTE, "session")).toBeNull();
    expect(await lockSessionsLeft()).toBe(0);
    expect(events).toMatchObject([{ phase: "acquire", acquired: false }]);
  });

  it("aborts `lost` when its session dies, and a release afterwards reports the failed unlock", async () => {
    const events = lockEvents();
    const warn = warnings();
    const lease = await acquired();
    // Bounded, so a lease that never notices fails here instead of hanging until the test timeout.
    const lost = new Promise((resolve, reject) => {
      lease.lost.addEventListener("abort", resolve);
      setTimeout(() => reject(new Error("`lost` was not aborted within 5 s of the backend's termination")), 5_000).unref();
    });
    await db.observer.query("select pg_terminate_backend($1)", [lease.backendPid]);
    await lost;
    expect((lease.lost.reason as Error).message).toBe(`advisory lock session for ${ROUTE} ended`);
    expect(events.find((e) => e.phase === "lost")).toEqual({ phase: "lost", route: ROUTE, key: KEY.toString(), backendPid: lease.backendPid, at: aNumber });

    await lease.release();
    const release = events.find((e) => e.phase === "release");
    expect(release).toMatchObject({ unlocked: false, error: aString });
    expect(warn).toHaveBeenCalledWith(`[cron:${ROUTE}] advisory unlock did not release key ${KEY} (${(release as { error: string }).error})`);
    expect(await holdersLeft()).toEqual([]);
  });

  it("reports an unlock that released nothing, and closing the session still frees the key", async () => {
    // What a pooled connection answers when the unlock lands on a session that never held the lock.
    await shadow("create function public.pg_advisory_unlock(bigint) returns boolean language sql as 'select false'");
    const events = lockEvents();
    const warn = warnings();
    const lease = await acquired();
    expect(await holders()).toHaveLength(1);

    await lease.release();
    expect(events.find((e) => e.phase === "release")).toMatchObject({ unlocked: false, error: undefined });
    expect(warn).toHaveBeenCalledWith(`[cron:${ROUTE}] advisory unlock did not release key ${KEY} (not held)`);
    expect(await holdersLeft()).toEqual([]);
    expect(await lockSessionsLeft()).toBe(0);
  });

  it("throws when the lock query fails, and closes its session", async () => {
    await shadow(`create function public.pg_try_advisory_lock(bigint) returns boolean language plpgsql
                  as $$ begin raise exception 'injected acquire failure'; end $$`);
    await expect(tryAcquireLock(KEY, ROUTE)).rejects.toThrow("injected acquire failure");
    expect(await lockSessionsLeft()).toBe(0);
  });

  // Linux only: /proc/net/tcp lists the loopback socket with its timer; 2 is the keepalive timer, set
  // only on a socket with SO_KEEPALIVE. Without it a silently dropped connection would never end `lost`.
  it.skipIf(!existsSync("/proc/net/tcp"))("turns on TCP keepalive on the lock session", async () => {
    const lease = await acquired();
    const { rows } = await db.observer.query<{ port: number }>("select client_port as port from pg_stat_activity where pid = $1", [lease.backendPid]);
    const local = `0100007F:${rows[0]!.port.toString(16).toUpperCase().padStart(4, "0")}`;
    const socket = readFileSync("/proc/net/tcp", "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .find((fields) => fields[1] === local);
    expect(socket?.[5], `no socket ${local} in /proc/net/tcp`).toMatch(/^02:/);
    await lease.release();
  });

  it("with the transaction strategy, holds the key in an open transaction that release commits", async () => {
    const events = lockEvents();
    const lease = await acquired("transaction");
    expect(await holders()).toEqual([{ pid: lease.backendPid, application: `cron-lock:${ROUTE}`, key: KEY.toString() }]);
    const { rows } = await db.observer.query<{ state: string }>("select state from pg_stat_activity where pid = $1", [lease.backendPid]);
    expect(rows[0]?.state).toBe("idle in transaction");

    await lease.release();
    expect(events.find((e) => e.phase === "release")).toMatchObject({ unlocked: true, error: undefined });
    expect(await holders()).toEqual([]);
    expect(await lockSessionsLeft()).toBe(0);
  });
});
