import pg from "pg";
import { positiveIntFromEnv } from "../env";

// Module state, like a Prisma client in a Next.js app: every invocation that lands on this instance
// (Fluid compute runs several at once) shares this one pool.
let pool: pg.Pool | undefined;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

export function getPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: databaseUrl(), max: positiveIntFromEnv("DATABASE_POOL_MAX", 10) });
    // An idle pooled client whose backend dies (failover, restart) emits 'error' on the pool; unhandled,
    // that would crash the instance. The pool drops the client and opens a new one on the next query.
    pool.on("error", (error) => console.warn(`[db] idle pooled connection lost: ${error.message}`));
  }
  return pool;
}

/** Closes the instance's pool; the next getPool() opens a fresh one (used between test databases). */
export async function closePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}
