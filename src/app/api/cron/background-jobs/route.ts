import { processBackgroundJobs } from "../../../../lib/background-jobs/runner";
import { lockedCronHandler } from "../../../../lib/cron/locked-cron-handler";

// Vercel Pro with Fluid compute: the instance is stopped at this limit, and `finally` does not run then.
export const maxDuration = 800;
export const dynamic = "force-dynamic";

// Phase 94c: unique among the cron routes (availability uses 61..., calendar-health 62...).
const LOCK_KEY = BigInt("63063063063");

export const GET = lockedCronHandler({
  name: "background-jobs",
  lockKey: LOCK_KEY,
  work: (lease) => processBackgroundJobs({ lock: { backendPid: lease.backendPid, lost: lease.lost } }),
});
