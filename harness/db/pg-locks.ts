import type pg from "pg";
import type { LockKey } from "../target/lock-key";

/**
 * The text of an advisory lock row's key, one spelling for every form: a bigint for one-key locks
 * (objsubid 1: classid is the high 32 bits, objid the low 32), "key1,key2" for two int4 keys
 * (objsubid 2; classid and objid are oids, so read back as signed int4).
 */
export const PG_LOCKS_KEY_TEXT = `case when l.objsubid = 1 then ((l.classid::bigint << 32) | l.objid::bigint)::text
  else l.classid::bigint::bit(32)::int4 || ',' || l.objid::bigint::bit(32)::int4 end`;

/** Advisory rows granted on this session's database, whoever holds them (the caller adds conditions). */
const ADVISORY_HERE = `l.locktype = 'advisory' and l.granted
  and l.database = (select oid from pg_database where datname = current_database())`;

/** SQL for the text pg_locks shows for a declared key, with its one parameter ($1). */
function declaredKeyText(key: LockKey): { sql: string; param: string } {
  if (key.form === "bigint") return { sql: "$1::text", param: key.key.toString() };
  if (key.form === "int4-pair") return { sql: "$1::text", param: `${key.key1},${key.key2}` };
  // The server hashes: the harness never guesses what hashtext gives for this name on this version.
  return { sql: "hashtext($1)::bigint::text", param: key.name };
}

/** The pg_locks spelling of a declared key (a hashtext key is hashed by the server it runs on). */
export async function pgLocksKeyText(client: pg.Client, key: LockKey): Promise<string> {
  const { sql, param } = declaredKeyText(key);
  const { rows } = await client.query<{ text: string }>(`select ${sql} as text`, [param]);
  return rows[0]?.text ?? "";
}

export interface AdvisoryHolder {
  pid: number;
  application: string;
  /** As PG_LOCKS_KEY_TEXT spells it. */
  key: string;
}

/** Sessions holding the declared key on this database right now. */
export async function advisoryLockHolders(client: pg.Client, key: LockKey): Promise<AdvisoryHolder[]> {
  const { sql, param } = declaredKeyText(key);
  const { rows } = await client.query<AdvisoryHolder>(
    `select l.pid, coalesce(a.application_name, '') as application, ${PG_LOCKS_KEY_TEXT} as key
     from pg_locks l left join pg_stat_activity a on a.pid = l.pid
     where ${ADVISORY_HERE} and ${PG_LOCKS_KEY_TEXT} = ${sql}`,
    [param],
  );
  return rows;
}

/** Every advisory lock held on this database, in any form: by anyone, or by sessions other than the caller's. */
export async function advisoryLocksHeld(client: pg.Client, { includeOwn = false } = {}): Promise<AdvisoryHolder[]> {
  const { rows } = await client.query<AdvisoryHolder>(
    `select l.pid, coalesce(a.application_name, '') as application, ${PG_LOCKS_KEY_TEXT} as key
     from pg_locks l left join pg_stat_activity a on a.pid = l.pid
     where ${ADVISORY_HERE} and ($1 or l.pid <> pg_backend_pid())
     order by l.pid, key`,
    [includeOwn],
  );
  return rows;
}

export interface AdvisorySample {
  /** Client sessions on the database other than the caller's. */
  sessions: number;
  /** Of those, the ones not named `cron-lock:*` (src/ names the dedicated session it locks on). */
  besideLockSession: number;
  /** Of those, the ones not holding the declared key either (another app's lock session, pooled or not). */
  besideKeyHolders: number;
  /** Every advisory lock held on the database, the caller's included. */
  locks: { pid: number; key: string }[];
}

/**
 * Advisory locks and the session counts in one round trip and one statement, so the counts and the
 * holders are read within the same moment (not one snapshot: pg_stat_activity and pg_locks are read one
 * after the other): the lock sampler asks this every 25 ms. `declared`: the declared key as
 * PG_LOCKS_KEY_TEXT spells it (undefined: nobody counts as its holder).
 */
export async function sampleAdvisory(client: pg.Client, declared?: string): Promise<AdvisorySample> {
  const { rows } = await client.query<AdvisorySample>(
    `with app as (select pid, application_name like 'cron-lock:%' as lock_session from pg_stat_activity
                  where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'),
          held as (select l.pid, ${PG_LOCKS_KEY_TEXT} as key from pg_locks l where ${ADVISORY_HERE})
     select (select count(*)::int from app) as sessions,
            (select count(*)::int from app where not lock_session) as "besideLockSession",
            (select count(*)::int from app where not lock_session
               and not exists (select 1 from held where held.pid = app.pid and held.key = $1::text)) as "besideKeyHolders",
            coalesce((select json_agg(json_build_object('pid', pid, 'key', key)) from held), '[]') as locks`,
    [declared ?? null],
  );
  return rows[0] ?? { sessions: 0, besideLockSession: 0, besideKeyHolders: 0, locks: [] };
}

type AdvisoryFunction = "pg_try_advisory_lock" | "pg_advisory_lock" | "pg_advisory_unlock";

/** Calls an advisory lock function on the declared key, in the key's own form. */
export async function callAdvisory(client: pg.Client, fn: AdvisoryFunction, key: LockKey): Promise<boolean> {
  const call =
    key.form === "bigint"
      ? { args: "$1::bigint", params: [key.key.toString()] }
      : key.form === "int4-pair"
        ? { args: "$1::int4, $2::int4", params: [key.key1, key.key2] }
        : { args: "hashtext($1)", params: [key.name] };
  const { rows } = await client.query<{ result: boolean | string }>(`select ${fn}(${call.args}) as result`, call.params);
  // pg_advisory_lock returns void (''), the others a boolean.
  return rows[0]?.result !== false;
}
