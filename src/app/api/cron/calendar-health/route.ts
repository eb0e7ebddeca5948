import { getPool } from "../../../../lib/db/pool";
import { lockedCronHandler } from "../../../../lib/cron/locked-cron-handler";

export const maxDuration = 60;
export const dynamic = "force-dynamic";

const LOCK_KEY = BigInt("62062062062");

/** Records whether the database answers and how far the job queue lags, as the calendar-sync health probe. */
export const GET = lockedCronHandler({
  name: "calendar-health",
  lockKey: LOCK_KEY,
  async work() {
    const { rows } = await getPool().query<{ healthy: boolean; detail: string }>(
      `insert into calendar_health_checks (healthy, detail)
       select coalesce(max(now() - run_after) < interval '1 hour', true),
              'oldest pending job waits ' || coalesce(max(now() - run_after)::text, '0')
       from background_jobs where status = 'pending'
       returning healthy, detail`,
    );
    return { healthy: rows[0]?.healthy ?? false, detail: rows[0]?.detail ?? "" };
  },
});
