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
  pool ??= new pg.Pool({
    connectionString: databaseUrl(),
    max: positiveIntFromEnv("DATABASE_POOL_MAX", 10),
  });
  return pool;
}

/** Closes the instance's pool; the next getPool() opens a fresh one (used between test databases). */
export async function closePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}
