import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { getPool } from "../db/pool";
import { jobChannel, publish, runChannel } from "../observability";
import { readRunnerConfig } from "./config";
import { claimNextJob, failExhaustedLeases, recordRunEnd, recordRunStart } from "./job-store";
import { runJob } from "./run-job";

export type StoppedBy = "budget" | "empty" | "lock-lost";

export interface RunSummary {
  runId: string;
  claimed: number;
  succeeded: number;
  failed: number;
  /** Jobs taken over from runs whose lease had expired (killed or stopped runs). */
  reclaimed: number;
  stoppedBy: StoppedBy;
  durationMs: number;
}

/**
 * The lock the run works under, so it can stop the moment the lock is gone. A session lock ends only by
 * an unlock on its own session or by that session's death, so the session's death is the signal; no
 * per-job round trip is needed to ask.
 */
export interface HeldLock {
  backendPid: number;
  /** Aborted when the lock's session dies (backend terminated, failover). */
  lost: AbortSignal;
}

/**
 * Drains the queue until it is empty or the time budget is spent. No job starts after
 * `deadline - safetyBuffer`, so the last jobs have room to finish inside the cron's maxDuration.
 */
export async function processBackgroundJobs(options: { lock?: HeldLock } = {}): Promise<RunSummary> {
  const config = readRunnerConfig();
  const pool = getPool();
  const runId = randomUUID();
  const startedAt = new Date();
  const lastStartAt = startedAt.getTime() + config.budgetMs - config.safetyBufferMs;
  const lock = options.lock;
  publish(runChannel, { phase: "start", runId, at: startedAt.getTime(), budgetMs: config.budgetMs, safetyBufferMs: config.safetyBufferMs });

  const counts = { claimed: 0, succeeded: 0, failed: 0, reclaimed: 0 };
  const stopReasons = new Set<StoppedBy>();
  // Set by the first worker that fails: the others finish their job in hand and claim no more.
  let failed = false;

  async function worker(): Promise<void> {
    for (;;) {
      if (failed) return;
      const now = new Date();
      if (now.getTime() >= lastStartAt) return void stopReasons.add("budget");
      if (lock?.lost.aborted) return void stopReasons.add("lock-lost");
      // `now` is the decision time checked above; it is also what the row records as the start.
      const job = await claimNextJob(pool, runId, now, config.leaseMs);
      if (!job) return void stopReasons.add("empty");
      counts.claimed += 1;
      if (job.reclaimed) counts.reclaimed += 1;
      publish(jobChannel, { phase: "claim", runId, jobId: job.id, at: now.getTime(), claimedAt: Date.now() });
      const outcome = await runJob(pool, job, runId, config.retryDelayMs, lock?.lost).catch((error: unknown) => {
        // Set before anything else runs, so no other worker claims after this one has failed.
        failed = true;
        publish(jobChannel, { phase: "crash", runId, jobId: job.id, at: Date.now(), error: messageOf(error) });
        throw error;
      });
      if (outcome !== "fenced") counts[outcome] += 1;
      publish(jobChannel, { phase: "finish", runId, jobId: job.id, at: Date.now(), outcome });
    }
  }

  try {
    await recordRunStart(pool, runId, startedAt, lock?.backendPid);
    await failExhaustedLeases(pool, runId, startedAt);
    const limit = pLimit(config.concurrency);
    // allSettled, not all: the route releases the lock when this returns, so every worker must have
    // stopped first, even when one of them failed.
    const stopOthersOnFailure = () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      });
    const outcomes = await Promise.allSettled(Array.from({ length: config.concurrency }, () => limit(stopOthersOnFailure)));
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failure) throw failure.reason;

    const finishedAt = new Date();
    const summary: RunSummary = {
      runId,
      ...counts,
      stoppedBy: pickStopReason(stopReasons),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    };
    await recordRunEnd(pool, { ...summary, startedAt, finishedAt });
    publish(runChannel, { phase: "end", at: finishedAt.getTime(), ...summary });
    return summary;
  } catch (error) {
    publish(runChannel, { phase: "crash", runId, at: Date.now(), error: messageOf(error) });
    throw error;
  }
}

// Workers stop for different reasons; the most important one names the run.
function pickStopReason(reasons: Set<StoppedBy>): StoppedBy {
  if (reasons.has("lock-lost")) return "lock-lost";
  if (reasons.has("budget")) return "budget";
  return "empty";
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
