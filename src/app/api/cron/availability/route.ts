import { getPool } from "../../../../lib/db/pool";
import { lockedCronHandler } from "../../../../lib/cron/locked-cron-handler";

export const maxDuration = 60;
export const dynamic = "force-dynamic";

const LOCK_KEY = BigInt("61061061061");

/** Snapshots how much work is waiting, for the availability dashboard. */
export const GET = lockedCronHandler({
  name: "availability",
  lockKey: LOCK_KEY,
  async work() {
    const { rows } = await getPool().query<{ open_jobs: number }>(
      `insert into availability_snapshots (open_jobs)
       select count(*)::int from background_jobs where status in ('pending', 'processing')
       returning open_jobs`,
    );
    return { openJobs: rows[0]?.open_jobs ?? 0 };
  },
});
