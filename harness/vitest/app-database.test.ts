import { describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import { PROJECT_ROOT, plantTest } from "./planted-test";
import { testRunServerEnv } from "./test-run-server";

/** The per-test database fails the test that leaked, rather than dropping the evidence `with (force)`. */
const LEAKY = `
import pg from "pg";
import { useAppDatabase } from "./app-database";
const db = useAppDatabase("leaky");
it("takes a lock on a session of its own and never closes it", async () => {
  const session = new pg.Client({ connectionString: db.url, application_name: "leaky-lock-session" });
  await session.connect();
  await session.query("select pg_advisory_lock(42)");
});`;

describe("a unit test that leaks a session or a lock", () => {
  it("fails, naming the session and the lock it left", async () => {
    const planted = await plantTest(LEAKY);
    try {
      const result = await runCommand(process.execPath, ["node_modules/vitest/vitest.mjs", "run", planted.path], {
        cwd: PROJECT_ROOT,
        // The inner run's global setup uses this run's PostgreSQL: the per-test database is the subject.
        env: { CRONSTORM_RUN_PLANTED: "1", CI: "", ...testRunServerEnv() },
        timeoutMs: 60_000,
      });
      const output = result.stdout + result.stderr;
      expect(result.code, output).toBe(1);
      expect(output).toMatch(/left behind on its database: session pid \d+ \(leaky-lock-session/);
      expect(output).toMatch(/advisory lock 42 held by pid \d+/);
    } finally {
      await planted.remove();
    }
  });
});
