import type { Pool } from "pg";
import { getOpenAI, openAIModel } from "../openai";
import { type ClaimedJob, markFailed, markSucceeded } from "./job-store";
import { promptFor } from "./job-kinds";

/** Runs one claimed job to a recorded outcome. Returns false when the job failed. */
export async function runJob(pool: Pool, job: ClaimedJob, runId: string, retryDelayMs: number): Promise<boolean> {
  let result: { content: string; totalTokens: number };
  try {
    result = await callOpenAI(promptFor(job.kind, job.payload));
  } catch (error) {
    await markFailed(pool, job, runId, errorMessage(error), new Date(), retryDelayMs);
    return false;
  }
  try {
    await markSucceeded(pool, job, runId, result, new Date());
    return true;
  } catch (error) {
    // The work was done but could not be recorded; record the failure instead so the row does not
    // stay "processing". If this write fails too, the error propagates and fails the run.
    await markFailed(pool, job, runId, `could not record result: ${errorMessage(error)}`, new Date(), retryDelayMs);
    return false;
  }
}

async function callOpenAI(prompt: string): Promise<{ content: string; totalTokens: number }> {
  const completion = await getOpenAI().chat.completions.create({
    model: openAIModel(),
    messages: [{ role: "user", content: prompt }],
  });
  return {
    content: completion.choices[0]?.message.content ?? "",
    totalTokens: completion.usage?.total_tokens ?? 0,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
