import { fail, pass, type Verdict } from "../../checks/verdict";
import type { ChaosWorld } from "../world";

const INVARIANT = "nothing lost";

/** After the recovery ticks every seeded job is terminal: none stuck "processing", none left pending. */
export async function nothingLost(world: ChaosWorld): Promise<Verdict> {
  const { rows } = await world.observer.query<{ status: string; jobs: number }>(
    `select status, count(*)::int as jobs from background_jobs group by status order by status`,
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.jobs]));
  const stuck = (byStatus.processing ?? 0) + (byStatus.pending ?? 0);
  const { rows: reclaimed } = await world.observer.query<{ n: number }>(
    `select count(*)::int as n from background_job_attempts where error = 'abandoned: lease expired'`,
  );
  const figures = { ...byStatus, "reclaimed after lease": reclaimed[0]?.n ?? 0 };
  if (stuck > 0) return fail(INVARIANT, `${byStatus.processing ?? 0} jobs stuck processing and ${byStatus.pending ?? 0} pending after recovery`, figures);
  return pass(INVARIANT, `every job ended succeeded or failed`, figures);
}
