import { sdkRetrySleepsMaxMs } from "../openai/sdk-backoff";
import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

export const BUDGET_INVARIANT = "run stays within the time budget";
const INVARIANT = BUDGET_INVARIANT;

/**
 * Wall-clock room for what the budget cannot bound on a loaded 2-core machine: database round trips,
 * event-loop lag and timer lateness between the last job's end and the run's end. Reported in production
 * units (× scale) next to every verdict so its weight is visible.
 */
export const SCHEDULING_SLACK_WALL_MS = 250;

/**
 * Two promises of the runner, checked per run:
 *  - no job starts after start + budget − safety buffer (exact: the claim records its decision time);
 *  - the run ends by start + budget − buffer + one job's worst case + slack. The worst job is the OpenAI
 *    timeout × attempts plus, where the SDK did retry, its sleeps between them: wall time at any scale
 *    (a hung call retried sleeps 0.5 s, then 1 s …: at ×60 that is 30 s, then 60 s of production time).
 *    Only as many sleeps as the most retries the mock saw for one call, so a run whose calls all
 *    answered gets no allowance; an app whose client does not number its retries (not the openai SDK)
 *    gets the sleeps of every retry its settings allow. A retry after a 429 sleeps its scaled
 *    retry-after instead, which the timeout's share covers as long as retry-after plus the 429's latency
 *    is within the timeout.
 */
export async function withinBudget({ observer, jobs, scale, settings, history, openai }: CheckInput): Promise<Verdict> {
  const runs = (await jobs.readRuns(observer)).flatMap((r) =>
    r.finishedAt ? [{ ...r, tookMs: r.durationMs ?? r.finishedAt.getTime() - r.startedAt.getTime() }] : [],
  );
  if (runs.length === 0) return unknown(INVARIANT, "no run finished, so there is no run duration to judge");
  const attempts = await jobs.readAttempts(observer);
  const budgetWall = scale.toWall(settings.budgetMs);
  const lastStartWall = budgetWall - scale.toWall(settings.safetyBufferMs);
  const retriesSeen = openai.retriesCounted ? Math.min(settings.openaiMaxRetries, openai.mostRetries) : settings.openaiMaxRetries;
  const retrySleepsWall = sdkRetrySleepsMaxMs(retriesSeen);
  const worstJobWall = scale.toWall(settings.openaiTimeoutMs) * (settings.openaiMaxRetries + 1) + retrySleepsWall;
  const allowedWall = lastStartWall + worstJobWall + SCHEDULING_SLACK_WALL_MS;
  const problems: string[] = [];
  let latestStartOffset = 0;
  for (const run of runs) {
    const starts = attempts.filter((a) => a.runId === run.runId).map((a) => a.startedAt.getTime() - run.startedAt.getTime());
    const offset = starts.length > 0 ? Math.max(...starts) : 0;
    latestStartOffset = Math.max(latestStartOffset, offset);
    if (offset > lastStartWall) {
      problems.push(`run ${run.runId.slice(0, 8)} started a job at ${fmt(scale.toProduction(offset))} s, after the last allowed start ${fmt(settings.budgetMs - settings.safetyBufferMs)} s`);
    }
    if (run.tookMs > allowedWall) {
      problems.push(`run ${run.runId.slice(0, 8)} took ${fmt(scale.toProduction(run.tookMs))} s, allowed ${fmt(scale.toProduction(allowedWall))} s`);
    }
  }
  const crashed = history.ofType("run").filter((e) => e.phase === "crash").length;
  const longest = Math.max(...runs.map((r) => r.tookMs));
  const figures = {
    runs: runs.length,
    "longest run (s)": fmt(scale.toProduction(longest)),
    "latest job start (s)": fmt(scale.toProduction(latestStartOffset)),
    "last allowed start (s)": fmt(settings.budgetMs - settings.safetyBufferMs),
    "allowed run (s)": fmt(scale.toProduction(allowedWall)),
    "slack (s)": fmt(scale.toProduction(SCHEDULING_SLACK_WALL_MS)),
    "SDK retry sleeps (s)": fmt(scale.toProduction(retrySleepsWall)),
    "crashed runs": crashed,
  };
  if (problems.length > 0) return fail(INVARIANT, problems.slice(0, 5).join("; "), figures);
  return pass(INVARIANT, `every job started by ${figures["last allowed start (s)"]} s and every run ended within ${figures["allowed run (s)"]} s`, figures);
}

const fmt = (ms: number) => (ms / 1000).toFixed(1);
