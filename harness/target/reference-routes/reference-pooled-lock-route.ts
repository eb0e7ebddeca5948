// Known-bad variant: the phase 94c reference implementation taken literally. `prisma.$queryRaw` outside a
// transaction runs each statement on any free pooled connection, so lock and unlock can hit different
// sessions (the unlock returns false and the lock leaks), and invocations sharing one session re-enter
// the lock. The harness runs it to show the faults it is vulnerable to are real.
import { processBackgroundJobs } from "../../../src/lib/background-jobs/runner";
import { isAuthorizedCronRequest } from "../../../src/lib/cron/auth";
import { completed, failed, skippedLocked, unauthorized } from "../../../src/lib/cron/responses";
import { getPool } from "../../../src/lib/db/pool";
import { lockChannel, publish } from "../../../src/lib/observability";

const LOCK_KEY = BigInt("63063063063");
const ROUTE = "background-jobs";

async function tryAcquireLock(): Promise<boolean> {
  const requestedAt = Date.now();
  const { rows } = await getPool().query<{ locked: boolean; pid: number }>(
    "select pg_try_advisory_lock($1::bigint) as locked, pg_backend_pid() as pid",
    [LOCK_KEY.toString()],
  );
  const acquired = rows[0]?.locked === true;
  publish(lockChannel, { phase: "acquire", route: ROUTE, key: LOCK_KEY.toString(), backendPid: rows[0]?.pid ?? -1, acquired, requestedAt, at: Date.now() });
  return acquired;
}

async function releaseLock(): Promise<void> {
  const requestedAt = Date.now();
  const { rows } = await getPool().query<{ unlocked: boolean; pid: number }>(
    "select pg_advisory_unlock($1::bigint) as unlocked, pg_backend_pid() as pid",
    [LOCK_KEY.toString()],
  );
  publish(lockChannel, { phase: "release", route: ROUTE, key: LOCK_KEY.toString(), backendPid: rows[0]?.pid ?? -1, unlocked: rows[0]?.unlocked === true, requestedAt, at: Date.now() });
}

export async function GET(request: Request): Promise<Response> {
  if (!isAuthorizedCronRequest(request)) return unauthorized();
  try {
    if (!(await tryAcquireLock())) return skippedLocked();
    try {
      return completed(await processBackgroundJobs());
    } finally {
      await releaseLock();
    }
  } catch {
    return failed();
  }
}
