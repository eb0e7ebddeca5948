import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "run stays within the time budget";

/**
 * Wall-clock room for what the budget cannot bound on a loaded 2-core machine: database round trips,
 * event-loop lag and timer lateness between the last job's end and the run's end. Reported in production
 * units (× scale) next to every verdict so its weight is visible.
 */
export const SCHEDULING_SLACK_WALL_MS = 250;

/**
 * Two promises of the runner, checked per run:
 *  - no job starts after start + budget − safety buffer (exact: the claim records its decision time);
 *  - the run ends by start + budget − buffer + one job's worst case (OpenAI timeout × attempts) + slack.
 */
export async function withinBudget({ observer, scale, settings, history }: CheckInput): Promise<Verdict> {
  const { rows: runs } = await observer.query<{ run_id: string; started_at: Date; duration_ms: number; claimed: number; stopped_by: string }>(
    `select run_id, started_at, duration_ms, claimed, stopped_by from background_job_runs where finished_at is not null order by started_at`,
  );
  if (runs.length === 0) return unknown(INVARIANT, "no run finished, so there is no run duration to judge");
  const budgetWall = scale.toWall(settings.budgetMs);
  const lastStartWall = budgetWall - scale.toWall(settings.safetyBufferMs);
  const worstJobWall = scale.toWall(settings.openaiTimeoutMs) * (settings.openaiMaxRetries + 1);
  const allowedWall = lastStartWall + worstJobWall + SCHEDULING_SLACK_WALL_MS;
  const problems: string[] = [];
  let latestStartOffset = 0;
  for (const run of runs) {
    const { rows } = await observer.query<{ offset_ms: number | null }>(
      `select max(extract(epoch from (started_at - $2::timestamptz)) * 1000)::float8 as offset_ms
       from background_job_attempts where run_id = $1`,
      [run.run_id, run.started_at],
    );
    const offset = rows[0]?.offset_ms ?? 0;
    latestStartOffset = Math.max(latestStartOffset, offset);
    if (offset > lastStartWall) {
      problems.push(`run ${run.run_id.slice(0, 8)} started a job at ${fmt(scale.toProduction(offset))} s, after the last allowed start ${fmt(settings.budgetMs - settings.safetyBufferMs)} s`);
    }
    if (run.duration_ms > allowedWall) {
      problems.push(`run ${run.run_id.slice(0, 8)} took ${fmt(scale.toProduction(run.duration_ms))} s, allowed ${fmt(scale.toProduction(allowedWall))} s`);
    }
  }
  const crashed = history.ofType("run").filter((e) => e.phase === "crash").length;
  const longest = Math.max(...runs.map((r) => r.duration_ms));
  const figures = {
    runs: runs.length,
    "longest run (s)": fmt(scale.toProduction(longest)),
    "latest job start (s)": fmt(scale.toProduction(latestStartOffset)),
    "last allowed start (s)": fmt(settings.budgetMs - settings.safetyBufferMs),
    "allowed run (s)": fmt(scale.toProduction(allowedWall)),
    "slack (s)": fmt(scale.toProduction(SCHEDULING_SLACK_WALL_MS)),
    "crashed runs": crashed,
  };
  if (problems.length > 0) return fail(INVARIANT, problems.slice(0, 5).join("; "), figures);
  return pass(INVARIANT, `every job started by ${figures["last allowed start (s)"]} s and every run ended within ${figures["allowed run (s)"]} s`, figures);
}

const fmt = (ms: number) => (ms / 1000).toFixed(1);
