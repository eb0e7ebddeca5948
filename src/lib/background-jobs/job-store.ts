import type { Pool } from "pg";

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  attemptId: string;
}

// One statement, so the claim and its audit row commit together. SKIP LOCKED lets concurrent claimers
// pass each other instead of handing the same row to both.
const CLAIM_SQL = `
  with next as (
    select id from background_jobs
    where status = 'pending' and run_after <= $2
    order by id
    limit 1
    for update skip locked
  ), claimed as (
    update background_jobs j
    set status = 'processing', run_id = $1, attempts = j.attempts + 1,
        claimed_at = $2, started_at = $2, finished_at = null, last_error = null
    from next where j.id = next.id
    returning j.id, j.kind, j.payload, j.attempts, j.max_attempts
  ), attempt as (
    insert into background_job_attempts (job_id, run_id, started_at)
    select id, $1, $2 from claimed
    returning id, job_id
  )
  select claimed.*, attempt.id as attempt_id from claimed join attempt on attempt.job_id = claimed.id`;

export async function claimNextJob(pool: Pool, runId: string, now: Date): Promise<ClaimedJob | null> {
  const { rows } = await pool.query<{
    id: string;
    kind: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
    attempt_id: string;
  }>(CLAIM_SQL, [runId, now]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    attemptId: row.attempt_id,
  };
}

export async function markSucceeded(pool: Pool, job: ClaimedJob, runId: string, result: unknown, finishedAt: Date) {
  await pool.query(
    `update background_jobs
     set status = 'succeeded', result = $3, finished_at = $4,
         duration_ms = (extract(epoch from ($4::timestamptz - started_at)) * 1000)::int
     where id = $1 and run_id = $2`,
    [job.id, runId, JSON.stringify(result), finishedAt],
  );
  await closeAttempt(pool, job.attemptId, "succeeded", null, finishedAt);
}

/** A failed attempt goes back to the queue after the retry delay, or fails for good at max attempts. */
export async function markFailed(
  pool: Pool,
  job: ClaimedJob,
  runId: string,
  error: string,
  finishedAt: Date,
  retryDelayMs: number,
) {
  const terminal = job.attempts >= job.maxAttempts;
  await pool.query(
    `update background_jobs
     set status = $3, last_error = $4, finished_at = $5, run_id = case when $3 = 'failed' then run_id end,
         run_after = $5::timestamptz + make_interval(secs => $6::double precision / 1000),
         duration_ms = (extract(epoch from ($5::timestamptz - started_at)) * 1000)::int
     where id = $1 and run_id = $2`,
    [job.id, runId, terminal ? "failed" : "pending", error, finishedAt, retryDelayMs],
  );
  await closeAttempt(pool, job.attemptId, "failed", error, finishedAt);
}

async function closeAttempt(pool: Pool, attemptId: string, outcome: string, error: string | null, at: Date) {
  await pool.query(`update background_job_attempts set finished_at = $2, outcome = $3, error = $4 where id = $1`, [
    attemptId,
    at,
    outcome,
    error,
  ]);
}

/**
 * Rows still "processing" long after any live run could own them were left by a run that was killed
 * (maxDuration, OOM) before it could finish them. They go back to the queue; their open attempt is closed.
 */
export async function reclaimStaleJobs(pool: Pool, now: Date, staleAfterMs: number): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `with stale as (
       update background_jobs
       set status = 'pending', run_id = null, last_error = 'reclaimed: previous run died while processing'
       where status = 'processing' and claimed_at < $1::timestamptz - make_interval(secs => $2::double precision / 1000)
       returning id
     ), closed as (
       update background_job_attempts a set finished_at = $1, outcome = 'failed', error = 'abandoned by dead run'
       from stale where a.job_id = stale.id and a.finished_at is null
       returning a.id
     )
     select id from stale`,
    [now, staleAfterMs],
  );
  return rows.length;
}

export async function recordRun(pool: Pool, run: {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  claimed: number;
  succeeded: number;
  failed: number;
  stoppedBy: string;
}) {
  await pool.query(
    `insert into background_job_runs (run_id, started_at, finished_at, claimed, succeeded, failed, stopped_by, duration_ms)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      run.runId,
      run.startedAt,
      run.finishedAt,
      run.claimed,
      run.succeeded,
      run.failed,
      run.stoppedBy,
      run.finishedAt.getTime() - run.startedAt.getTime(),
    ],
  );
}
