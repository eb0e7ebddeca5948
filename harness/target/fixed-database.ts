import type pg from "pg";
import { advisoryLocksHeld } from "../db/pg-locks";
import type { ScratchDatabases } from "../db/scratch";
import { withPgClient } from "../db/with-client";
import type { JobsAdapter } from "./jobs-adapter";

/** How long a leaked lock's session may take to exit once terminated, and DDL may wait for a table lock. */
const WAIT_MS = 10_000;

/** One database for a whole run, its content re-created before each scenario. */
export interface FixedDatabase {
  /** The run's database, made fresh for the next scenario (the first call clones the template). */
  fresh(): Promise<{ name: string; url: string }>;
  /** Drops it (the end of the run). */
  close(): Promise<void>;
}

/**
 * Shared mode for a module target with no resetModuleState. Such an app builds its client at import
 * time (`export const prisma = new PrismaClient(...)`), so it keeps the first database URL it saw for as
 * long as the harness's process lives. So its URL stays fixed for the run, as an HTTP target's does, and
 * each scenario gets fresh content instead of a fresh database.
 *
 * The content is re-created in place (every schema dropped, the target's jobs adapter migrating again),
 * not by `drop database ... with (force)` and a new clone as for an HTTP target: the app runs inside
 * this process, and dropping the database terminates its idle pooled sessions, which a pg Pool with no
 * 'error' listener turns into an unhandled 'error' that would end the harness. In place, a correct app's
 * pool is never touched: it stays warm across scenarios, as it does across a real deployment's ticks.
 *
 * Except for one thing a schema cannot carry: a session advisory lock the last scenario leaked (its
 * unlock ran on another pooled session). It stays with its idle session in the app's pool and would
 * poison the next scenario, whose invocations would answer "locked", or re-enter it on that session and
 * run. That scenario's lock-free check has already failed on it, and nothing but the session itself can
 * unlock it, so the sessions still holding an advisory lock (and only those) are terminated before the
 * content is re-created. That one path needs the app's pool to survive a server-closed idle connection,
 * as it must in production (failovers, restarts): @prisma/adapter-pg listens for its pool's 'error', and
 * a bare pg.Pool needs `pool.on("error", ...)`. So does the end of the run, which drops the database.
 */
export function fixedDatabase(scratch: ScratchDatabases, jobs: JobsAdapter, label: string): FixedDatabase {
  let database: { name: string; url: string } | undefined;
  return {
    async fresh() {
      if (!database) return (database = await scratch.clone(label));
      const { url } = database;
      await withPgClient(url, async (db) => {
        await endLeakedLockSessions(db);
        await dropAllSchemas(db);
      });
      await jobs.migrate(url);
      return database;
    },
    async close() {
      if (database) await scratch.drop(database.name);
      database = undefined;
    },
  };
}

/** Terminates every other session that holds an advisory lock on this database, and waits for each to exit. */
async function endLeakedLockSessions(db: pg.Client): Promise<void> {
  const pids = [...new Set((await advisoryLocksHeld(db)).map((h) => h.pid))];
  if (pids.length === 0) return;
  // With a timeout, pg_terminate_backend returns once the backend has exited (true) or the time is up (false).
  const { rows } = await db.query<{ pid: number; gone: boolean }>(
    "select pid, pg_terminate_backend(pid, $2) as gone from unnest($1::int[]) as pid",
    [pids, WAIT_MS],
  );
  const stuck = rows.filter((r) => !r.gone).map((r) => r.pid);
  if (stuck.length > 0) throw new Error(`cronstorm: a leaked advisory lock's session (pid ${stuck.join(", ")}) did not exit within ${WAIT_MS} ms of being terminated`);
}

/** Drops every schema but the system ones, and gives back an empty public schema to migrate into. */
async function dropAllSchemas(db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `select nspname as name from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema'`,
  );
  // A session the app left inside a transaction holds its tables' locks: say so rather than wait forever.
  await db.query(`set lock_timeout = ${WAIT_MS}`);
  try {
    await db.query("begin");
    for (const { name } of rows) await db.query(`drop schema ${quoteIdent(name)} cascade`);
    await db.query("create schema public");
    await db.query("commit");
  } catch (error) {
    await db.query("rollback").catch(() => undefined);
    throw new Error(`cronstorm: could not re-create the app's database for the next scenario (a session of the app still in a transaction?): ${(error as Error).message}`, { cause: error });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
