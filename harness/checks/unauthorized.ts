import type { CheckInput } from "./check-input";
import { advisoryLockHolders } from "../db/pg-locks";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "unauthorized requests get 401 and touch nothing";

/**
 * Every invocation answered 401; the route never reached the lock (no acquire event, no lock session,
 * nothing in pg_locks) and no job row changed. A target that reports no lock events is judged by
 * pg_locks and its rows alone.
 */
export async function rejectedUntouched({ burst, history, observer, jobs, lockKey }: CheckInput): Promise<Verdict> {
  const problems: string[] = [];
  for (const i of burst) if (i.status !== 401) problems.push(`#${i.index} answered ${i.status ?? i.error}`);
  const acquires = history.ofType("lock").filter((e) => e.phase === "acquire");
  if (acquires.length > 0) problems.push(`${acquires.length} lock acquisitions were attempted (auth let the request through, or the lock came before it)`);
  const holders = await advisoryLockHolders(observer, lockKey);
  if (holders.length > 0) problems.push(`the lock is held by pid ${holders[0]?.pid}`);
  const touched = (await jobs.readJobs(observer)).filter((j) => j.status !== "pending" || j.attempts > 0).length;
  const attempts = (await jobs.readAttempts(observer)).length;
  if (touched > 0 || attempts > 0) problems.push(`${touched} job rows changed`);
  if (problems.length > 0) return fail(INVARIANT, problems.join("; "));
  return pass(INVARIANT, `${burst.length} requests answered 401; no lock attempt, no job touched`);
}
