import type { CheckInput } from "./check-input";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "no job processed twice";

/**
 * From the attempt audit table: no two attempts at one job overlap in time, and no job succeeded twice.
 * Claims that SKIP LOCKED get wrong would show up here, whatever the lock did.
 */
export async function noDoubleProcessing({ observer }: Pick<CheckInput, "observer">): Promise<Verdict> {
  const overlapping = await observer.query<{ job_id: string; first_run: string; second_run: string }>(
    `select a.job_id, a.run_id as first_run, b.run_id as second_run
     from background_job_attempts a
     join background_job_attempts b on a.job_id = b.job_id and a.id < b.id
     where tstzrange(a.started_at, coalesce(a.finished_at, 'infinity'), '[)')
        && tstzrange(b.started_at, coalesce(b.finished_at, 'infinity'), '[)')
     limit 5`,
  );
  const twice = await observer.query<{ job_id: string; successes: number }>(
    `select job_id, count(*)::int as successes from background_job_attempts
     where outcome = 'succeeded' group by job_id having count(*) > 1 limit 5`,
  );
  const { rows: totals } = await observer.query<{ attempts: number; jobs: number }>(
    `select count(*)::int as attempts, count(distinct job_id)::int as jobs from background_job_attempts`,
  );
  const figures = { attempts: totals[0]?.attempts ?? 0, jobsTouched: totals[0]?.jobs ?? 0 };
  if (overlapping.rows.length > 0) {
    const list = overlapping.rows.map((r) => `job ${r.job_id} by runs ${r.first_run.slice(0, 8)} and ${r.second_run.slice(0, 8)}`).join("; ");
    return fail(INVARIANT, `attempts overlapped in time: ${list}`, figures);
  }
  if (twice.rows.length > 0) {
    return fail(INVARIANT, `jobs succeeded more than once: ${twice.rows.map((r) => `job ${r.job_id} x${r.successes}`).join("; ")}`, figures);
  }
  return pass(INVARIANT, `${figures.attempts} attempts on ${figures.jobsTouched} jobs, none concurrent, none repeated after success`, figures);
}
