import type { Invocation } from "../invoker";
import { proceeded } from "./bodies";
import type { AttemptRow } from "../target/jobs-adapter";
import type { TimeScale } from "../time-scale";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "work stays inside its run";

/** Timestamps are cut to milliseconds on their way through PostgreSQL and JavaScript. */
const TIMESTAMP_SLACK_MS = 2;

export interface WorkInsideLockInput {
  /** Every invocation the scenario fired, answered or not. */
  invocations: readonly Invocation[];
  /** From the target's attempts table: each job's claim → finish, by run. */
  attempts: readonly AttemptRow[];
  scale: TimeScale;
  /** How far the database clock may be from the harness's (wall ms), for timestamps the database wrote. */
  clockSkewMs: number;
}

/**
 * Every job a run claimed must finish while that run is still going: the route releases the lock just
 * before it answers, so a job still being worked on (or finished) after the answer was worked on outside
 * the lock, where the next tick's run can take the lock and overlap it. Judged for any target from what
 * every target exposes: the invocations as the harness saw them and the target's attempts table.
 *
 * A run lives within its invocation (request → response, as the harness saw it). Only runs that
 * answered success are held to it: a run that failed (5xx) or whose outcome is unknown (its instance
 * died) may have lost its database connection with jobs open, which a later run reclaims and closes on
 * its behalf. Sound: never a failure the app did not cause.
 */
export function workInsideLock({ invocations, attempts, scale, clockSkewMs }: WorkInsideLockInput): Verdict {
  const slack = clockSkewMs + TIMESTAMP_SLACK_MS;
  const windows = mergedWindows(invocations.filter(mayHaveRun));
  const seconds = (ms: number) => `${(scale.toProduction(ms) / 1000).toFixed(1)} s`;
  const outside: string[] = [];
  for (const attempt of attempts) {
    const start = attempt.startedAt.getTime();
    const window = windows.find((w) => w.start - slack <= start && start <= w.end + slack);
    if (!window) {
      outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) started while no invocation was running`);
      continue;
    }
    if (!window.allSucceeded) continue;
    const finish = attempt.finishedAt?.getTime();
    if (finish === undefined) outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) was still open after its run had answered`);
    else if (finish > window.end + slack) outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) finished ${seconds(finish - window.end)} after its run had answered`);
  }
  const figures = { attempts: attempts.length, "outside their run": outside.length };
  if (outside.length > 0) {
    return fail(
      INVARIANT,
      `${outside.length} job attempt(s) outside the run that claimed them, so outside the lock (the route unlocks before it answers): ${outside.slice(0, 4).join("; ")}`,
      figures,
    );
  }
  return pass(INVARIANT, `${attempts.length} job attempts, each claimed and finished while its run was still going`, figures);
}

/** Any invocation that may have held the lock: not a locked answer, not a 4xx refusal. */
function mayHaveRun(invocation: Invocation): boolean {
  if (invocation.status === undefined) return true;
  if (invocation.status >= 400 && invocation.status < 500) return false;
  const body = invocation.body as { skipped?: unknown } | undefined;
  return !(typeof body === "object" && body !== null && body.skipped === true);
}

interface Window {
  start: number;
  end: number;
  /** Every invocation in it answered success: none may have left its jobs for a later run to close. */
  allSucceeded: boolean;
}

/** Invocation lifetimes, overlapping ones merged: a job may start in one run and be judged by the union. */
function mergedWindows(invocations: readonly Invocation[]): Window[] {
  const sorted = invocations
    .map((i) => ({ start: i.startedAt, end: i.endedAt, allSucceeded: proceeded(i) }))
    .sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) {
      last.end = Math.max(last.end, window.end);
      last.allSucceeded &&= window.allSucceeded;
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}
