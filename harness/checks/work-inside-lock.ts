import type { Invocation } from "../invoker";
import { proceeded, skipped } from "./bodies";
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
 * A run lives within its invocation (request → response, as the harness saw it). Overlapping
 * invocations are judged as one window, since attempts name runs and not invocations. How strictly:
 *  - every invocation answered success: a job open, or finished, after the answer is outside the run;
 *  - one answered 5xx: its run may have lost its database connection with jobs open, which a later run
 *    closes (as failed) on its behalf, so only a job that *succeeded* after the answer is judged: no
 *    later run ever records another run's success;
 *  - one's outcome is unknown (its instance died mid-run): nothing after it is judged.
 * A job whose start is within the timestamps' slack of two windows (a follow-up fired the moment a run
 * answered) could be either's: it is judged by the more lenient, as if its run had the later answer and
 * the weaker outcome. Sound: never a failure the app did not cause.
 */
export function workInsideLock({ invocations, attempts, scale, clockSkewMs }: WorkInsideLockInput): Verdict {
  const slack = clockSkewMs + TIMESTAMP_SLACK_MS;
  const windows = mergedWindows(invocations.filter(mayHaveRun));
  const seconds = (ms: number) => `${(scale.toProduction(ms) / 1000).toFixed(1)} s`;
  const outside: string[] = [];
  for (const attempt of attempts) {
    const start = attempt.startedAt.getTime();
    const window = mostLenient(windows.filter((w) => w.start - slack <= start && start <= w.end + slack));
    if (!window) {
      outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) started while no invocation was running`);
      continue;
    }
    if (window.strictness === "unknown-outcome") continue;
    const finish = attempt.finishedAt?.getTime();
    const judged = window.strictness === "all-succeeded" || attempt.outcome === "succeeded";
    if (finish === undefined && window.strictness === "all-succeeded") outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) was still open after its run had answered`);
    else if (finish !== undefined && judged && finish > window.end + slack) outside.push(`job ${attempt.jobId} (run ${attempt.runId.slice(0, 8)}) finished ${seconds(finish - window.end)} after its run had answered`);
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

/** Any invocation that may have held the lock: not a skipped answer, not a 4xx refusal. */
export function mayHaveRun(invocation: Invocation): boolean {
  if (invocation.status === undefined) return true;
  if (invocation.status >= 400 && invocation.status < 500) return false;
  return !skipped(invocation);
}

/** How strictly a window's jobs are judged, from the weakest answer in it. */
type Strictness = "all-succeeded" | "some-failed" | "unknown-outcome";
const WEAKNESS: Record<Strictness, number> = { "all-succeeded": 0, "some-failed": 1, "unknown-outcome": 2 };
const strictnessOf = (i: Invocation): Strictness => (i.status === undefined ? "unknown-outcome" : proceeded(i) ? "all-succeeded" : "some-failed");

interface Window {
  start: number;
  end: number;
  strictness: Strictness;
}

/** Of the windows a job may belong to, one as lenient as all of them: the latest end, the weakest outcome. */
function mostLenient(candidates: Window[]): Window | undefined {
  return candidates.reduce<Window | undefined>(
    (lenient, w) =>
      lenient && { start: Math.min(lenient.start, w.start), end: Math.max(lenient.end, w.end), strictness: WEAKNESS[w.strictness] > WEAKNESS[lenient.strictness] ? w.strictness : lenient.strictness },
    candidates[0],
  );
}

/** Invocation lifetimes, overlapping ones merged: a job may start in one run and be judged by the union. */
function mergedWindows(invocations: readonly Invocation[]): Window[] {
  const sorted = invocations
    .map((i) => ({ start: i.startedAt, end: i.endedAt, strictness: strictnessOf(i) }))
    .sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    // Overlapping only: a follow-up fired in the very millisecond a run answered stays a window of its
    // own (a job at that edge may be either's and is judged leniently), so the run's other jobs are
    // still judged by its own answer.
    if (last && window.start < last.end) {
      last.end = Math.max(last.end, window.end);
      if (WEAKNESS[window.strictness] > WEAKNESS[last.strictness]) last.strictness = window.strictness;
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}
