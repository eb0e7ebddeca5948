import { type AdvisoryLockLease, lockStrategyFromEnv, tryAcquireLock } from "./advisory-lock";
import { isAuthorizedCronRequest } from "./auth";
import { completed, failed, skippedLocked, unauthorized } from "./responses";

export interface LockedCronRoute {
  /** Short name used in logs and as the lock session's application_name. */
  name: string;
  lockKey: bigint;
  work(lease: AdvisoryLockLease): Promise<object>;
}

/** The shared cron pattern: auth first, then the advisory lock, the work, and release in `finally`. */
export function lockedCronHandler(route: LockedCronRoute): (request: Request) => Promise<Response> {
  return async function GET(request: Request): Promise<Response> {
    // Auth before anything touches the database: an unauthenticated caller must not be able to hold the lock.
    if (!isAuthorizedCronRequest(request)) return unauthorized();
    try {
      const lease = await tryAcquireLock(route.lockKey, route.name, lockStrategyFromEnv());
      if (!lease) return skippedLocked();
      try {
        return completed(await route.work(lease));
      } finally {
        await lease.release();
      }
    } catch (error) {
      console.error(`[cron:${route.name}] run failed:`, error);
      return failed();
    }
  };
}
