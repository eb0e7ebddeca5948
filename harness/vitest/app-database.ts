import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { closePool } from "../../src/lib/db/pool";
import { describeLeftovers, leftoversOn } from "../db/leftovers";
import { harnessContext } from "./harness-context";

export interface AppDatabase {
  /** The clone's URL, also set as DATABASE_URL for the app. */
  readonly url: string;
  /** A session of the test's own, to arrange rows and to look at pg_locks independently of the app. */
  readonly observer: pg.Client;
}

/**
 * For unit tests of src/ against real PostgreSQL: before each test, a fresh clone of the migrated
 * template (from the global setup) with DATABASE_URL pointing at it; after it, the env is restored and
 * the app's pool closed. Then, as graphile-worker's suite does, the test fails if anything is left: a
 * session other than the observer, or an advisory lock. Dropping the clone `with (force)` would otherwise
 * hide exactly the leaks a lock helper can have.
 */
export function useAppDatabase(label: string): AppDatabase {
  const context = harnessContext();
  let current: { name: string; url: string; observer: pg.Client } | undefined;
  let savedEnv: NodeJS.ProcessEnv = {};
  beforeEach(async () => {
    savedEnv = { ...process.env };
    const database = await context.scratch.clone(label);
    const observer = new pg.Client({ connectionString: database.url, application_name: "cronstorm-test-observer" });
    await observer.connect();
    current = { ...database, observer };
    process.env.DATABASE_URL = database.url;
  });
  afterEach(async () => {
    process.env = savedEnv;
    await closePool();
    if (!current) return;
    const { name, observer } = current;
    current = undefined;
    try {
      const leaked = describeLeftovers(await leftoversOn(observer));
      if (leaked) throw new Error(`cronstorm: the test left behind on its database: ${leaked}`);
    } finally {
      await observer.end().catch(() => undefined);
      await context.scratch.drop(name);
    }
  });
  const active = () => {
    if (!current) throw new Error("useAppDatabase: only available inside a test");
    return current;
  };
  return {
    get url() {
      return active().url;
    },
    get observer() {
      return active().observer;
    },
  };
}
