import type pg from "pg";
import type { CheckInput } from "./check-input";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "lock is free afterwards";

/** Rows in pg_locks for a bigint advisory key: classid = high 32 bits, objid = low 32 bits, objsubid = 1. */
export async function advisoryLockHolders(client: pg.Client, key: bigint): Promise<{ pid: number; application: string }[]> {
  const { rows } = await client.query<{ pid: number; application: string }>(
    `select l.pid, coalesce(a.application_name, '') as application
     from pg_locks l left join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.objsubid = 1 and l.granted
       and l.database = (select oid from pg_database where datname = current_database())
       and ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
    [key.toString()],
  );
  return rows;
}

/** Every bigint advisory key held on this database right now, whoever holds it. */
export async function advisoryKeysHeld(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ key: string }>(
    `select distinct ((l.classid::bigint << 32) | l.objid::bigint)::text as key
     from pg_locks l
     where l.locktype = 'advisory' and l.objsubid = 1 and l.granted
       and l.database = (select oid from pg_database where datname = current_database())`,
  );
  return rows.map((r) => r.key);
}

/** Seen from an independent session: nobody holds the key, and a fresh pg_try_advisory_lock succeeds. */
export async function lockFree({ observer, lockKey }: Pick<CheckInput, "observer" | "lockKey">): Promise<Verdict> {
  const holders = await advisoryLockHolders(observer, lockKey);
  if (holders.length > 0) {
    const who = holders.map((h) => `pid ${h.pid} (${h.application || "unnamed"})`).join(", ");
    return fail(INVARIANT, `key ${lockKey} is still held by ${who}: every later tick will answer "locked"`);
  }
  const { rows } = await observer.query<{ locked: boolean }>("select pg_try_advisory_lock($1::bigint) as locked", [lockKey.toString()]);
  if (rows[0]?.locked !== true) return fail(INVARIANT, `pg_try_advisory_lock(${lockKey}) from a fresh session returned false`);
  await observer.query("select pg_advisory_unlock($1::bigint)", [lockKey.toString()]);
  return pass(INVARIANT, `no pg_locks row for ${lockKey}; a fresh session took and gave back the lock`);
}
