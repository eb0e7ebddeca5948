import type { History, HistoryEvent } from "../history";
import type { AttemptRow } from "../target/jobs-adapter";
import { killedInstance, killedSession } from "./kill-faults";

export interface Interval {
  /** When the job was surely the run's: its claim returned (or the database wrote it), where known. */
  start: number;
  /** When the run decided to claim it, where that is earlier than `start`: what "before the kill" means. */
  decidedAt?: number;
  end: number;
  runId: string;
  instance: string;
  jobId?: string;
  backendPid?: number;
  /** How it ended, where known: the attempts table's outcome and error, or the route's finish event. */
  ending?: string;
}

/** When the run decided to take the job: `decidedAt` where known, else its start. What "before the kill" means. */
export const decidedAt = (i: Interval): number => i.decidedAt ?? i.start;

/** When each instance process died, if it did. */
function deaths(history: History): Map<string, number> {
  return new Map(history.ofType("instance").map((e) => [e.instance, e.at]));
}

/**
 * The work each run actually did: one interval per job, from its claim to its finish. The claim counts
 * from when it returned where the route says (src/: `claimedAt`), not from the decision to claim, which
 * can come long before on a busy pool: until then the job was not the run's. A job that never finished
 * ends when its run ended or crashed, else when its instance died; else it is still running.
 */
export function workIntervals(history: History): Interval[] {
  const died = deaths(history);
  const runEnds = new Map(history.ofType("run").filter((e) => e.phase === "end" || e.phase === "crash").map((e) => [e.runId, e.at]));
  const finishes = new Map(
    history.ofType("job").filter((e) => e.phase === "finish" || e.phase === "crash").map((e) => [`${e.runId}/${e.jobId}`, e]),
  );
  return history
    .ofType("job")
    .filter((e) => e.phase === "claim")
    .map((e) => {
      const instance = e.instance ?? "shared";
      const finish = finishes.get(`${e.runId}/${e.jobId}`);
      return {
        start: e.claimedAt ?? e.at,
        decidedAt: e.at,
        end: finish?.at ?? runEnds.get(e.runId) ?? died.get(instance) ?? Number.POSITIVE_INFINITY,
        runId: e.runId,
        instance,
        jobId: e.jobId,
        ...(finish ? { ending: finish.phase === "crash" ? "crashed" : finish.outcome } : {}),
      };
    });
}

/**
 * The work each run did as the app's attempts table recorded it (any target): one interval per finished
 * attempt, from `attemptStart`. An attempt never finished has no end to judge by and is left out.
 */
export function attemptIntervals(attempts: readonly AttemptRow[], clockSkewMs: number): Interval[] {
  return attempts.flatMap((a) =>
    a.finishedAt
      ? [
          {
            start: attemptStart(a, clockSkewMs),
            decidedAt: a.startedAt.getTime(),
            end: a.finishedAt.getTime(),
            runId: a.runId,
            instance: "app",
            jobId: a.jobId,
            ending: [a.outcome, a.error].filter(Boolean).join(": ") || undefined,
          },
        ]
      : [],
  );
}

/**
 * When an attempt's job was surely its run's: when the database wrote the attempt, where the table says
 * (src/'s schema: `recorded_at`), moved earlier by the database's clock skew (its other times are the
 * app's clock), and never before the run decided to claim (`startedAt`).
 */
export function attemptStart(attempt: AttemptRow, clockSkewMs: number): number {
  const decided = attempt.startedAt.getTime();
  return attempt.recordedAt ? Math.max(decided, attempt.recordedAt.getTime() - clockSkewMs) : decided;
}

/**
 * Lock holds as the route reported them, to the release, the session's loss, or the instance's death.
 * The truth lies between two bounds, and each use takes the safe one:
 *  - `widest` (acquire requested → release answered) contains the real hold: a skip outside it was
 *    really starved;
 *  - `narrowest` (acquire answered → release requested, or the kill that ended it) lies inside it: two
 *    of these that overlap really overlapped.
 */
export function holdIntervals(history: History, bound: "widest" | "narrowest"): Interval[] {
  const died = deaths(history);
  const locks = history.ofType("lock");
  const holds: Interval[] = [];
  locks.forEach((acquire, index) => {
    if (acquire.phase !== "acquire" || !acquire.acquired) return;
    const instance = acquire.instance ?? "shared";
    const end = locks
      .slice(index + 1)
      .find((e) => (e.phase === "release" || e.phase === "lost") && e.backendPid === acquire.backendPid && (e.instance ?? "shared") === instance);
    const endAt =
      bound === "widest" ? end?.at : end?.phase === "lost" ? killStartBefore(history, acquire.at, end.at, (e) => killedSession(e, acquire.backendPid)) : (end?.requestedAt ?? end?.at);
    const diedAt = died.get(instance);
    const deathAt = bound === "widest" || diedAt === undefined ? diedAt : killStartBefore(history, acquire.at, diedAt, (e) => killedInstance(e, instance));
    holds.push({
      start: bound === "widest" ? (acquire.requestedAt ?? acquire.at) : acquire.at,
      end: endAt ?? deathAt ?? Number.POSITIVE_INFINITY,
      runId: `lock@${acquire.backendPid}`,
      instance,
      backendPid: acquire.backendPid,
    });
  });
  return holds;
}

/**
 * The narrowest end of a hold a kill ended: when the last kill of its session (or its instance) began,
 * between the acquire and the moment the app reported the loss (or the harness saw the process die),
 * else that moment. The kill began no later than the real end, and a starved process can notice it long
 * after the server has freed the lock and the next run has taken it.
 */
function killStartBefore(history: History, acquiredAt: number, noticedAt: number, killed: (e: Extract<HistoryEvent, { type: "fault" }>) => boolean): number {
  return history.ofType("fault").findLast((e) => killed(e) && e.at > acquiredAt && e.at <= noticedAt)?.at ?? noticedAt;
}

/** Pairs of intervals of different runs (or owners) that overlap in time. */
export function overlapsBetweenOwners(intervals: Interval[], owner: (i: Interval) => string): [Interval, Interval][] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const pairs: [Interval, Interval][] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i];
    if (!a) continue;
    for (let j = i + 1; j < sorted.length; j += 1) {
      const b = sorted[j];
      if (!b || b.start >= a.end) break;
      if (owner(a) !== owner(b)) pairs.push([a, b]);
    }
  }
  return pairs;
}
