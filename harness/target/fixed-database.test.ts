import pg from "pg";
import { describe, expect, it } from "vitest";
import { advisoryLocksHeld } from "../db/pg-locks";
import { withPgClient } from "../db/with-client";
import { harnessContext } from "../vitest/harness-context";
import { srcJobs } from "./adapters";
import { fixedDatabase } from "./fixed-database";

/**
 * An app whose client was built at import time keeps one database for the run: between scenarios its
 * content is re-created in place, the pooled session holding a leaked lock (and no other) is ended, and
 * the app's pool carries on.
 */
describe("fixed database (shared mode with no resetModuleState)", () => {
  const context = harnessContext();

  it("re-creates the content in place, ends only the session that leaked a lock, and the app's pool carries on", async () => {
    const fixed = fixedDatabase(context.scratch, srcJobs, "fixed-database-test");
    const database = await fixed.fresh();
    // The app's pool, with the 'error' listener a pool needs (Prisma's adapter-pg has one).
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const terminated = new Promise<Error>((resolve) => pool.once("error", resolve));
    try {
      const leaker = await pool.connect();
      const clean = await pool.connect();
      const pidOf = async (client: pg.PoolClient) => (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;
      const [leakerPid, cleanPid] = [await pidOf(leaker), await pidOf(clean)];
      // As the reference route leaves it: a session lock on an idle pooled session, and rows of the last scenario.
      await leaker.query("select pg_advisory_lock(63063063063)");
      await clean.query(`insert into background_jobs (kind, payload) values ('summarize_thread', '{}')`);
      leaker.release();
      clean.release();

      expect(await fixed.fresh()).toEqual(database);
      await withPgClient(database.url, async (observer) => {
        expect(await advisoryLocksHeld(observer)).toEqual([]);
        const { rows } = await observer.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        expect(rows.map((r) => r.pid)).toEqual([cleanPid]);
        expect(rows.map((r) => r.pid)).not.toContain(leakerPid);
      });
      // The ended session reached the pool as an 'error' on its idle client.
      expect((await terminated).message).toMatch(/terminating connection due to administrator command/);
      // The pool dropped the ended session and works on; the schema is migrated again, and empty.
      const { rows } = await pool.query<{ jobs: number }>("select count(*)::int as jobs from background_jobs");
      expect(rows[0]?.jobs).toBe(0);
    } finally {
      await pool.end();
      await fixed.close();
    }
  });
});
