import type { Pool } from "pg";
import { getOpenAI, openAIModel } from "../openai";
import { type ClaimedJob, markFailed, markSucceeded, requeue } from "./job-store";
import { promptFor } from "./job-kinds";

/** succeeded / failed: recorded. fenced: another run owns the job now, so this result was discarded. */
export type JobOutcome = "succeeded" | "failed" | "fenced";

/**
 * Runs one claimed job to a recorded outcome. `abort` fires when the run lost its lock: the OpenAI call
 * is cancelled and the job goes back to the queue, so the run that now holds the lock can take it.
 */
export async function runJob(pool: Pool, job: ClaimedJob, runId: string, retryDelayMs: number, abort?: AbortSignal): Promise<JobOutcome> {
  let result: { content: string; totalTokens: number };
  // One controller per call, linked to the run's signal and unlinked after, so listeners do not pile up
  // on the run's signal over hundreds of jobs.
  const call = new AbortController();
  const cancel = () => call.abort();
  abort?.addEventListener("abort", cancel, { once: true });
  // The lock may have died while this job was being claimed: then the listener above never fires.
  if (abort?.aborted) call.abort();
  try {
    result = await callOpenAI(promptFor(job.kind, job.payload), call.signal);
  } catch (error) {
    if (abort?.aborted) {
      // Not the job's fault: back to the queue at once, without using up one of its attempts.
      return (await requeue(pool, job, runId, "aborted: the run lost its lock", new Date())) ? "failed" : "fenced";
    }
    return (await markFailed(pool, job, runId, errorMessage(error), new Date(), retryDelayMs)) ? "failed" : "fenced";
  } finally {
    abort?.removeEventListener("abort", cancel);
  }
  try {
    return (await markSucceeded(pool, job, runId, result, new Date())) ? "succeeded" : "fenced";
  } catch (error) {
    // The work was done but could not be recorded; record the failure instead so the row does not
    // stay "processing". If this write fails too, the error propagates and fails the run.
    const recorded = await markFailed(pool, job, runId, `could not record result: ${errorMessage(error)}`, new Date(), retryDelayMs);
    return recorded ? "failed" : "fenced";
  }
}

async function callOpenAI(prompt: string, signal: AbortSignal): Promise<{ content: string; totalTokens: number }> {
  const request = getOpenAI().chat.completions.create({ model: openAIModel(), messages: [{ role: "user", content: prompt }] }, { signal });
  const completion = await untilAborted(request, signal);
  return {
    content: completion.choices[0]?.message.content ?? "",
    totalTokens: completion.usage?.total_tokens ?? 0,
  };
}

/**
 * The SDK heeds its signal while a request is in flight and before each retry, but not while it sleeps
 * between retries (0.5–8 s of backoff, or whatever retry-after the answer names): a run that lost its
 * lock then would hold its job that long. This stops waiting the moment the signal fires; the SDK's own
 * abort error follows when its sleep ends, and lands in a promise already settled.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
