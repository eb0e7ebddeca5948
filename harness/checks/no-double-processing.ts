import type { AttemptRow } from "../target/jobs-adapter";
import type { CheckInput } from "./check-input";
import { attemptStart } from "./intervals";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "no job processed twice";

/**
 * From the attempt audit table: no two attempts at one job overlap in time, and no job succeeded twice.
 * Claims that SKIP LOCKED get wrong would show up here, whatever the lock did.
 */
export async function noDoubleProcessing({ observer, jobs, clockSkewMs }: Pick<CheckInput, "observer" | "jobs" | "clockSkewMs">): Promise<Verdict> {
  const attempts = await jobs.readAttempts(observer);
  const byJob = new Map<string, AttemptRow[]>();
  for (const attempt of attempts) byJob.set(attempt.jobId, [...(byJob.get(attempt.jobId) ?? []), attempt]);
  const overlapping: string[] = [];
  const twice: string[] = [];
  for (const [jobId, list] of byJob) {
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const [a, b] = [list[i], list[j]];
        if (a && b && overlap(a, b, clockSkewMs)) overlapping.push(`job ${jobId} by runs ${a.runId.slice(0, 8)} and ${b.runId.slice(0, 8)}`);
      }
    }
    const successes = list.filter((a) => a.outcome === "succeeded").length;
    if (successes > 1) twice.push(`job ${jobId} x${successes}`);
  }
  const figures = { attempts: attempts.length, jobsTouched: byJob.size };
  if (overlapping.length > 0) return fail(INVARIANT, `attempts overlapped in time: ${overlapping.slice(0, 5).join("; ")}`, figures);
  if (twice.length > 0) return fail(INVARIANT, `jobs succeeded more than once: ${twice.slice(0, 5).join("; ")}`, figures);
  return pass(INVARIANT, `${figures.attempts} attempts on ${figures.jobsTouched} jobs, none concurrent, none repeated after success`, figures);
}

/**
 * Half-open [start, finish) intervals from `attemptStart` (when the claim ran), an open attempt running
 * forever; an empty one (start = finish) overlaps nothing, as PostgreSQL's tstzrange has it. Timestamps
 * arrive cut to milliseconds, which can hide an overlap shorter than 1 ms but never invent one.
 */
function overlap(a: AttemptRow, b: AttemptRow, clockSkewMs: number): boolean {
  const span = (x: AttemptRow) => [attemptStart(x, clockSkewMs), x.finishedAt?.getTime() ?? Number.POSITIVE_INFINITY] as const;
  const [aStart, aEnd] = span(a);
  const [bStart, bEnd] = span(b);
  if (aStart >= aEnd || bStart >= bEnd) return false;
  return aStart < bEnd && bStart < aEnd;
}
