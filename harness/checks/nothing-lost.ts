import { fail, pass, type Verdict } from "./verdict";
import type { CheckInput } from "./check-input";

const INVARIANT = "nothing lost";

/** After the recovery ticks every seeded job is terminal: none stuck "processing", none left pending. */
export async function nothingLost(input: CheckInput): Promise<Verdict> {
  const jobs = await input.jobs.readJobs(input.observer);
  const byStatus: Record<string, number> = {};
  for (const job of jobs) byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
  const stuck = (byStatus.processing ?? 0) + (byStatus.pending ?? 0);
  const attempts = await input.jobs.readAttempts(input.observer);
  const figures = { ...byStatus, "reclaimed after lease": attempts.filter((a) => a.error?.includes("lease expired")).length };
  if (stuck > 0) return fail(INVARIANT, `${byStatus.processing ?? 0} jobs stuck processing and ${byStatus.pending ?? 0} pending after recovery`, figures);
  return pass(INVARIANT, `every job ended succeeded or failed`, figures);
}
