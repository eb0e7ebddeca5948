import type { CheckInput } from "../checks/check-input";
import { proceeded } from "../checks/bodies";
import type { Invocation } from "../invoker";

/** Key figures of one scenario, durations in production seconds. */
export interface ScenarioFigures {
  invocations: number;
  proceeded: number;
  lockedSkips: number;
  jobsSucceeded: number;
  jobsFailed: number;
  /** Jobs finished per production minute of run time. */
  throughputPerMinute: number;
  longestRunSeconds: number;
  openaiRequests: number;
  openaiPeakInFlight: number;
}

export async function collectFigures(input: CheckInput, burst: Invocation[]): Promise<ScenarioFigures> {
  const { rows } = await input.observer.query<{ succeeded: number; failed: number; run_ms: number | null; longest_ms: number | null }>(
    `select (select count(*)::int from background_job_attempts where outcome = 'succeeded') as succeeded,
            (select count(*)::int from background_job_attempts where outcome = 'failed') as failed,
            (select sum(duration_ms)::float8 from background_job_runs) as run_ms,
            (select max(duration_ms)::float8 from background_job_runs) as longest_ms`,
  );
  const row = rows[0];
  const runProductionMinutes = input.scale.toProduction(row?.run_ms ?? 0) / 60_000;
  const succeeded = row?.succeeded ?? 0;
  return {
    invocations: burst.length,
    proceeded: burst.filter(proceeded).length,
    lockedSkips: burst.filter((i) => (i.body as { reason?: string } | undefined)?.reason === "locked").length,
    jobsSucceeded: succeeded,
    jobsFailed: row?.failed ?? 0,
    throughputPerMinute: runProductionMinutes > 0 ? round(succeeded / runProductionMinutes) : 0,
    longestRunSeconds: round(input.scale.toProduction(row?.longest_ms ?? 0) / 1000),
    openaiRequests: input.openai.requests,
    openaiPeakInFlight: input.openai.peakInFlight,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
