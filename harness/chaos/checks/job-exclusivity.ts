import { noDoubleProcessing } from "../../checks/no-double-processing";
import { fail, type Verdict } from "../../checks/verdict";
import { overlapsBetweenOwners, workIntervals } from "../intervals";
import type { ChaosWorld } from "../world";

const INVARIANT = "no job processed twice";

/** The attempts table (database) and the runs' own claim/finish events (history) must both agree. */
export async function jobExclusivity(world: ChaosWorld): Promise<Verdict> {
  const fromDatabase = await noDoubleProcessing(world);
  if (fromDatabase.status !== "pass") return fromDatabase;
  const work = workIntervals(world.history);
  const byJob = new Map<string, typeof work>();
  for (const interval of work) byJob.set(interval.jobId ?? "", [...(byJob.get(interval.jobId ?? "") ?? []), interval]);
  const concurrent = [...byJob.entries()].filter(([, intervals]) => overlapsBetweenOwners(intervals, (i) => i.runId).length > 0);
  const fenced = world.history.ofType("job").filter((e) => e.outcome === "fenced");
  if (concurrent.length > 0) {
    return fail(INVARIANT, `jobs worked on by two runs at once: ${concurrent.slice(0, 5).map(([id]) => id).join(", ")}`, fromDatabase.figures);
  }
  if (fenced.length > 0) {
    return fail(INVARIANT, `${fenced.length} results were fenced off: a run kept working on jobs another run had taken over`, fromDatabase.figures);
  }
  return { ...fromDatabase, detail: `${fromDatabase.detail}; history agrees` };
}
