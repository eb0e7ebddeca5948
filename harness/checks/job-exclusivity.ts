import { noDoubleProcessing } from "./no-double-processing";
import { fail, type Verdict } from "./verdict";
import { overlapsBetweenOwners, workIntervals } from "./intervals";
import type { CheckInput } from "./check-input";

const INVARIANT = "no job processed twice";

/** The attempts table (database) and the runs' own claim/finish events (history) must both agree. */
export async function jobExclusivity(input: CheckInput): Promise<Verdict> {
  const fromDatabase = await noDoubleProcessing(input);
  if (fromDatabase.status !== "pass") return fromDatabase;
  const work = workIntervals(input.history);
  const byJob = new Map<string, typeof work>();
  for (const interval of work) byJob.set(interval.jobId ?? "", [...(byJob.get(interval.jobId ?? "") ?? []), interval]);
  const concurrent = [...byJob.entries()].filter(([, intervals]) => overlapsBetweenOwners(intervals, (i) => i.runId).length > 0);
  const fenced = input.history.ofType("job").filter((e) => e.outcome === "fenced");
  if (concurrent.length > 0) {
    return fail(INVARIANT, `jobs worked on by two runs at once: ${concurrent.slice(0, 5).map(([id]) => id).join(", ")}`, fromDatabase.figures);
  }
  if (fenced.length > 0) {
    return fail(INVARIANT, `${fenced.length} results were fenced off: a run kept working on jobs another run had taken over`, fromDatabase.figures);
  }
  return { ...fromDatabase, detail: `${fromDatabase.detail}; history agrees` };
}
