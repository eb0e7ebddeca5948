import type { Pool } from "pg";

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  attemptId: string;
  /** True when the job was taken over from a run whose lease on it had expired. */
  reclaimed: boolean;
}

// One statement, so the claim, the close of an abandoned attempt and the new audit row commit together.
// SKIP LOCKED lets concurrent claimers pass each other instead of handing the same row to both. A job
// still "processing" after its lease expired belongs to a run that died (killed, maxDuration, OOM) and is
// claimable again: that is how nothing stays stuck. Never its own: a run that was paused past its leases
// (GC pause, frozen instance) still has those jobs in flight.
const CLAIM_SQL = `
  with next as (
    select id, status from background_jobs
    where (status = 'pending' and run_after <= $2)
       or (status = 'processing' and lease_expires_at < $2 and run_id <> $1 and attempts < max_attempts)
    order by id
    limit 1
    for update skip locked
  ), abandoned as (
    update background_job_attempts a
    set finished_at = j.lease_expires_at, outcome = 'failed', error = 'abandoned: lease expired'
    from next join background_jobs j on j.id = next.id
    where next.status = 'processing' and a.job_id = next.id and a.finished_at is null
    returning a.id
  ), claimed as (
    update background_jobs j
    set status = 'processing', run_id = $1, attempts = j.attempts + 1,
        claimed_at = $2, started_at = $2, finished_at = null, last_error = null,
        lease_expires_at = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
    from next where j.id = next.id
    returning j.id, j.kind, j.payload, j.attempts, j.max_attempts, next.status = 'processing' as reclaimed
  ), attempt as (
    insert into background_job_attempts (job_id, run_id, started_at)
    select id, $1, $2 from claimed
    returning id, job_id
  )
  select claimed.*, attempt.id as attempt_id from claimed join attempt on attempt.job_id = claimed.id`;

export async function claimNextJob(pool: Pool, runId: string, now: Date, leaseMs: number): Promise<ClaimedJob | null> {
  const { rows } = await pool.query<{
    id: string;
    kind: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
    attempt_id: string;
    reclaimed: boolean;
  }>(CLAIM_SQL, [runId, now, leaseMs]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    attemptId: row.attempt_id,
    reclaimed: row.reclaimed,
  };
}

/**
 * Outcome writes are fenced: they apply only while this run still owns the job. A run that was presumed
 * dead and lost the job to another run gets `false` and its late result is discarded.
 */
export async function markSucceeded(pool: Pool, job: ClaimedJob, runId: string, result: unknown, finishedAt: Date): Promise<boolean> {
  // One statement: the job's outcome and its attempt's close commit together, in one round trip.
  const { rows } = await pool.query<{ id: string }>(
    `with done as (
       update background_jobs
       set status = 'succeeded', result = $3, finished_at = $4, lease_expires_at = null,
           duration_ms = (extract(epoch from ($4::timestamptz - started_at)) * 1000)::int
       where id = $1 and run_id = $2 and status = 'processing'
       returning id
     )
     update background_job_attempts set finished_at = $4, outcome = 'succeeded'
     where id = $5 and finished_at is null and exists (select 1 from done)
     returning id`,
    [job.id, runId, JSON.stringify(result), finishedAt, job.attemptId],
  );
  return rows.length === 1;
}

/** A failed attempt goes back to the queue after the retry delay, or fails for good at max attempts. */
export function markFailed(pool: Pool, job: ClaimedJob, runId: string, error: string, finishedAt: Date, retryDelayMs: number): Promise<boolean> {
  return closeFailed(pool, job, runId, error, finishedAt, { retryDelayMs, countsAsAttempt: true });
}

/** The run gave the job up (it lost its lock): queue it again now, and give the attempt back. */
export function requeue(pool: Pool, job: ClaimedJob, runId: string, reason: string, at: Date): Promise<boolean> {
  return closeFailed(pool, job, runId, reason, at, { retryDelayMs: 0, countsAsAttempt: false });
}

// One statement, like markSucceeded: the job's state and its attempt's close commit together, so an
// instance dying in between cannot leave an open attempt behind a requeued job.
async function closeFailed(
  pool: Pool,
  job: ClaimedJob,
  runId: string,
  error: string,
  finishedAt: Date,
  options: { retryDelayMs: number; countsAsAttempt: boolean },
): Promise<boolean> {
  const terminal = options.countsAsAttempt && job.attempts >= job.maxAttempts;
  const { rows } = await pool.query<{ id: string }>(
    `with done as (
       update background_jobs
       set status = $3, last_error = $4, finished_at = $5, lease_expires_at = null,
           run_id = case when $3 = 'failed' then run_id end,
           attempts = case when $7 then attempts else attempts - 1 end,
           run_after = $5::timestamptz + make_interval(secs => $6::double precision / 1000),
           duration_ms = (extract(epoch from ($5::timestamptz - started_at)) * 1000)::int
       where id = $1 and run_id = $2 and status = 'processing'
       returning id
     )
     update background_job_attempts set finished_at = $5, outcome = 'failed', error = $4
     where id = $8 and finished_at is null and exists (select 1 from done)
     returning id`,
    [job.id, runId, terminal ? "failed" : "pending", error, finishedAt, options.retryDelayMs, options.countsAsAttempt, job.attemptId],
  );
  return rows.length === 1;
}

/**
 * A job whose lease expired on its last allowed attempt (its run died, possibly because of the job
 * itself: OOM, maxDuration) fails for good instead of being reclaimed forever.
 */
export async function failExhaustedLeases(pool: Pool, runId: string, now: Date): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `with exhausted as (
       update background_jobs
       set status = 'failed', last_error = 'lease expired on its last attempt', finished_at = $2, lease_expires_at = null
       where status = 'processing' and lease_expires_at < $2 and run_id <> $1 and attempts >= max_attempts
       returning id, lease_expires_at
     ), closed as (
       update background_job_attempts a set finished_at = $2, outcome = 'failed', error = 'abandoned: lease expired'
       from exhausted where a.job_id = exhausted.id and a.finished_at is null
       returning a.id
     )
     select id from exhausted`,
    [runId, now],
  );
  return rows.length;
}

export async function recordRunStart(pool: Pool, runId: string, startedAt: Date, lockBackendPid: number | undefined) {
  await pool.query(`insert into background_job_runs (run_id, started_at, lock_backend_pid) values ($1, $2, $3)`, [
    runId,
    startedAt,
    lockBackendPid ?? null,
  ]);
}

export async function recordRunEnd(pool: Pool, run: {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  claimed: number;
  succeeded: number;
  failed: number;
  stoppedBy: string;
}) {
  await pool.query(
    `update background_job_runs
     set finished_at = $2, claimed = $3, succeeded = $4, failed = $5, stopped_by = $6, duration_ms = $7
     where run_id = $1`,
    [
      run.runId,
      run.finishedAt,
      run.claimed,
      run.succeeded,
      run.failed,
      run.stoppedBy,
      run.finishedAt.getTime() - run.startedAt.getTime(),
    ],
  );
}
