import { existsSync } from "node:fs";
import pg from "pg";
import { type TestContext, describe, expect, inject, it } from "vitest";
import { harnessContext } from "../vitest/harness-context";
import { pgbouncerAvailable, startPgBouncer } from "./pgbouncer";
import { withPgClient } from "./with-client";

const LOCK_KEY = 42;

const backendPid = async (client: pg.Client) =>
  (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid;
const tryLock = async (client: pg.Client) =>
  (await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [LOCK_KEY])).rows[0]?.locked;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Skips when pgbouncer is not installed, except on CI, which installs it: a skip there would hide the
 * one path that reproduces the pooled-lock bug. */
function pgbouncerHere(context: TestContext): boolean {
  const pgbouncer = pgbouncerAvailable();
  if (pgbouncer.available) return true;
  if (process.env.CI === "true") throw new Error(`cronstorm: CI must run the PgBouncer tests: ${pgbouncer.reason}`);
  context.skip(pgbouncer.reason);
  return false;
}

describe("PgBouncer in transaction pooling mode", () => {
  it("puts two client sessions on one server connection, so a session lock is re-entrant across them", async (context) => {
    if (!pgbouncerHere(context)) return;
    const { scratch } = harnessContext();
    // A scratch database, named nowhere in the bouncer's config: it reaches the server through the `*` entry.
    const database = await scratch.clone("pgbouncer");
    try {
      const bouncer = await startPgBouncer({ upstreamUrl: inject("cronstorm").adminUrl, poolSize: 1 });
      const a = new pg.Client({ connectionString: bouncer.url(database.name) });
      const b = new pg.Client({ connectionString: bouncer.url(database.name) });
      try {
        await a.connect();
        await b.connect();
        expect(await backendPid(b)).toBe(await backendPid(a));

        expect(await tryLock(a)).toBe(true);
        // The failure mode under study: B is "another session" to the app, yet it lands on A's server
        // connection and re-enters A's lock instead of being refused.
        expect(await tryLock(b)).toBe(true);

        const stats = await bouncer.stats(database.name);
        expect(stats).toMatchObject({ clientConnections: 2, serverConnections: 1 });
        expect(stats.transactions).toBeGreaterThan(0);
      } finally {
        await Promise.allSettled([a.end(), b.end()]);
        await bouncer.stop();
      }
      expect(isRunning(bouncer.pid)).toBe(false);
      expect(existsSync(bouncer.directory)).toBe(false);

      // Stopping closed the shared server connection, which released the doubly-taken lock.
      await withPgClient(database.url, async (client) => {
        expect(await tryLock(client)).toBe(true);
        await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
      });
    } finally {
      await scratch.drop(database.name);
    }
  });

  it("explains an upstream it cannot log in to, and leaves no process behind", async (context) => {
    if (!pgbouncerHere(context)) return;
    const wrong = new URL(inject("cronstorm").adminUrl);
    wrong.password = "not-the-password";
    const acceptsAnyPassword = await withPgClient(wrong.toString(), async () => true).catch(() => false);
    if (acceptsAnyPassword) {
      context.skip("the upstream server does not check passwords (trust auth), so there is no login failure to provoke");
      return;
    }
    const error = await startPgBouncer({ upstreamUrl: wrong.toString() }).then(
      () => expect.unreachable("a bouncer whose server login fails must not report ready"),
      (rejection: unknown) => (rejection as Error).message,
    );
    expect(error).toMatch(/^cronstorm: PgBouncer \(pid \d+\) did not become ready .*password authentication failed/);
    expect(error).toMatch(/Its log:[\s\S]*server login failed/);
    expect(isRunning(Number(/\(pid (\d+)\)/.exec(error)?.[1]))).toBe(false);
  });
});
