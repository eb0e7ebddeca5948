import pg from "pg";
import { Bench } from "tinybench";

export interface MicroResult {
  name: string;
  /** Mean latency in milliseconds (wall; these are not time-scaled). */
  meanMs: number;
  p99Ms: number;
  samples: number;
  /** Mean relative to `select 1` on the same connection, measured in the same run. */
  ratioToSelect1: number;
}

const KEY = "63063063063";

/**
 * The route's lock paths priced against a bare round trip, on one server in one tinybench run:
 *  - `select 1` and the lock statements on one open connection (what the SQL itself costs);
 *  - the route's real paths, which open a dedicated session per tick: proceed (connect, lock, unlock,
 *    close) and skipped (connect, lock refused, close) while another session holds the key.
 */
export async function runMicrobench(url: string, options: { timeMs?: number } = {}): Promise<MicroResult[]> {
  const connection = new pg.Client({ connectionString: url });
  const holder = new pg.Client({ connectionString: url });
  const other = new pg.Client({ connectionString: url });
  await Promise.all([connection.connect(), holder.connect(), other.connect()]);
  const otherKey = "63063063064";
  await holder.query("select pg_advisory_lock($1::bigint)", [otherKey]);
  const bench = new Bench({ time: options.timeMs ?? 1_000, warmupTime: 200 });
  bench
    .add("select 1 (same connection)", async () => {
      await connection.query("select 1");
    })
    .add("lock + unlock statements (same connection)", async () => {
      await connection.query("select pg_try_advisory_lock($1::bigint)", [KEY]);
      await connection.query("select pg_advisory_unlock($1::bigint)", [KEY]);
    })
    .add("skipped: lock refused (same connection)", async () => {
      await other.query("select pg_try_advisory_lock($1::bigint)", [otherKey]);
    })
    .add("route lock path: connect, lock, unlock, close", async () => {
      const session = new pg.Client({ connectionString: url });
      await session.connect();
      await session.query("select pg_try_advisory_lock($1::bigint)", [KEY]);
      await session.query("select pg_advisory_unlock($1::bigint)", [KEY]);
      await session.end();
    })
    .add("route skipped path: connect, lock refused, close", async () => {
      const session = new pg.Client({ connectionString: url });
      await session.connect();
      await session.query("select pg_try_advisory_lock($1::bigint)", [otherKey]);
      await session.end();
    });
  try {
    await bench.run();
  } finally {
    await Promise.all([connection.end(), holder.end(), other.end()]);
  }
  const stats = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed") throw new Error(`cronstorm: benchmark "${task.name}" ${result.state}`);
    return { name: task.name, meanMs: result.latency.mean, p99Ms: result.latency.p99 ?? result.latency.max, samples: result.latency.samplesCount ?? 0 };
  });
  const baseline = stats[0]?.meanMs ?? Number.NaN;
  return stats.map((s) => ({ ...s, ratioToSelect1: Math.round((s.meanMs / baseline) * 100) / 100 }));
}
