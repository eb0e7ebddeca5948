import type { CheckInput } from "../../checks/check-input";
import { proceeded } from "../../checks/bodies";
import type { Invocation } from "../../invoker";

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
  /** Most sessions of the app on the database at once (the lock sampler's count): how busy its pool got. */
  peakAppSessions: number;
}

export async function collectFigures(input: CheckInput, burst: Invocation[]): Promise<ScenarioFigures> {
  const attempts = await input.jobs.readAttempts(input.observer);
  const runs = await input.jobs.readRuns(input.observer);
  const durations = runs.flatMap((r) => (r.durationMs !== null ? [r.durationMs] : r.finishedAt ? [r.finishedAt.getTime() - r.startedAt.getTime()] : []));
  const runProductionMinutes = input.scale.toProduction(durations.reduce((sum, ms) => sum + ms, 0)) / 60_000;
  const succeeded = attempts.filter((a) => a.outcome === "succeeded").length;
  return {
    invocations: burst.length,
    proceeded: burst.filter(proceeded).length,
    lockedSkips: burst.filter((i) => (i.body as { reason?: string } | undefined)?.reason === "locked").length,
    jobsSucceeded: succeeded,
    jobsFailed: attempts.filter((a) => a.outcome === "failed").length,
    throughputPerMinute: runProductionMinutes > 0 ? round(succeeded / runProductionMinutes) : 0,
    longestRunSeconds: round(input.scale.toProduction(durations.length > 0 ? Math.max(...durations) : 0) / 1000),
    openaiRequests: input.openai.requests,
    openaiPeakInFlight: input.openai.peakInFlight,
    peakAppSessions: Math.max(0, ...input.history.ofType("pg-sessions").map((e) => e.count)),
  };
}

/** A scenario that did not run: every figure zero. */
export const NO_FIGURES: ScenarioFigures = {
  invocations: 0,
  proceeded: 0,
  lockedSkips: 0,
  jobsSucceeded: 0,
  jobsFailed: 0,
  throughputPerMinute: 0,
  longestRunSeconds: 0,
  openaiRequests: 0,
  openaiPeakInFlight: 0,
  peakAppSessions: 0,
};

const round = (value: number) => Math.round(value * 10) / 10;
