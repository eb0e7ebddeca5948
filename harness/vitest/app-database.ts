import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { closePool } from "../../src/lib/db/pool";
import { harnessContext } from "./harness-context";

export interface AppDatabase {
  /** The clone's URL, also set as DATABASE_URL for the app. */
  readonly url: string;
  /** A session of the test's own, to arrange rows and to look at pg_locks independently of the app. */
  readonly observer: pg.Client;
}

/**
 * For unit tests of src/ against real PostgreSQL: before each test, a fresh clone of the migrated
 * template (from the global setup) with DATABASE_URL pointing at it; after it, the env is restored,
 * the app's pool closed and the clone dropped (with force, so a session a test leaked cannot keep it).
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
    await observer.end().catch(() => undefined);
    await context.scratch.drop(name);
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
