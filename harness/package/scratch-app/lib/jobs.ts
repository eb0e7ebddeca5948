import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { pool } from "@/lib/db";

const SAFETY_MS = 7_500;

/** Phase 94c's runner, minimal: claim one due job at a time until the queue is empty or the budget is spent. */
export async function processBackgroundJobs(): Promise<{ processed: number }> {
  const budgetMs = Number(process.env.BACKGROUND_JOB_CRON_TIME_BUDGET_MS ?? 240_000);
  const safetyMs = Number(process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS ?? SAFETY_MS);
  const retryDelayMs = Number(process.env.BACKGROUND_JOB_RETRY_DELAY_MS ?? 60_000);
  const startedAt = new Date();
  const deadline = startedAt.getTime() + budgetMs;
  // Built per run, so the run reads OPENAI_TIMEOUT_MS and OPENAI_MAX_RETRIES as they are when it starts.
  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? "unset", maxRetries: Number(process.env.OPENAI_MAX_RETRIES ?? 2), timeout: Number(process.env.OPENAI_TIMEOUT_MS ?? 60_000) });
  const runId = randomUUID();
  await pool.query(`insert into background_job_runs (run_id, started_at) values ($1, $2)`, [runId, startedAt]);
  let processed = 0;
  for (;;) {
    // The attempt's start is this decision's time, not when its row is written: the budget is judged by it.
    const decidedAt = new Date();
    if (deadline - decidedAt.getTime() < safetyMs) break;
    const { rows } = await pool.query<{ id: string; payload: Record<string, string> }>(
      `update background_jobs set status = 'processing', attempts = attempts + 1, run_id = $1, claimed_at = now(), started_at = now()
       where id = (select id from background_jobs where status = 'pending' and run_after <= now() order by id for update skip locked limit 1)
       returning id, payload`,
      [runId],
    );
    const job = rows[0];
    if (!job) break;
    const { rows: attempt } = await pool.query<{ id: string }>(`insert into background_job_attempts (job_id, run_id, started_at) values ($1, $2, $3) returning id`, [job.id, runId, decidedAt]);
    try {
      const text = [job.payload.thread, job.payload.company, job.payload.message, job.payload.customerName, job.payload.document].find(Boolean);
      if (!text) throw new Error("job payload is missing");
      const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
      await pool.query(`update background_jobs set status = 'succeeded', result = $2, finished_at = now() where id = $1`, [job.id, JSON.stringify({ content: completion.choices[0]?.message.content ?? "" })]);
      await pool.query(`update background_job_attempts set finished_at = now(), outcome = 'succeeded' where id = $1`, [attempt[0]?.id]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await pool.query(`update background_jobs set status = case when attempts >= max_attempts then 'failed' else 'pending' end, last_error = $2, run_after = now() + $3 * interval '1 millisecond' where id = $1`, [job.id, message, retryDelayMs]);
      await pool.query(`update background_job_attempts set finished_at = now(), outcome = 'failed', error = $2 where id = $1`, [attempt[0]?.id, message]);
    }
    processed += 1;
  }
  await pool.query(`update background_job_runs set finished_at = now(), claimed = $2 where run_id = $1`, [runId, processed]);
  return { processed };
}
