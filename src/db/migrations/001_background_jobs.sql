-- The background-jobs queue the cron route drains. Claimed rows carry the run that owns them so a
-- crashed run's rows can be found and reclaimed.
create table background_jobs (
  id            bigserial primary key,
  kind          text        not null,
  payload       jsonb       not null,
  status        text        not null default 'pending'
                check (status in ('pending', 'processing', 'succeeded', 'failed')),
  attempts      integer     not null default 0,
  max_attempts  integer     not null default 3,
  run_id        uuid,
  last_error    text,
  result        jsonb,
  run_after     timestamptz not null default now(),
  created_at    timestamptz not null default now(),
  claimed_at    timestamptz,
  -- A claim is a lease: past this instant the claiming run is presumed dead and the job may be
  -- reclaimed. Long enough for one job's worst case (OpenAI timeout x attempts).
  lease_expires_at timestamptz,
  started_at    timestamptz,
  finished_at   timestamptz,
  duration_ms   integer
);

-- Serves the claim query's status and run_after filters when the backlog is large.
create index background_jobs_claimable on background_jobs (status, run_after, id);

-- One row per attempt: the audit trail that shows which run worked on which job, and when.
create table background_job_attempts (
  id           bigserial primary key,
  job_id       bigint      not null references background_jobs (id),
  run_id       uuid        not null,
  started_at   timestamptz not null,
  finished_at  timestamptz,
  outcome      text check (outcome in ('succeeded', 'failed')),
  error        text
);
create index background_job_attempts_job on background_job_attempts (job_id);

-- One row per cron run that got the lock, written when it starts and completed when it ends: a row
-- with no finished_at belongs to a run that crashed or was killed.
create table background_job_runs (
  run_id           uuid primary key,
  started_at       timestamptz not null,
  lock_backend_pid integer,
  finished_at      timestamptz,
  claimed          integer,
  succeeded        integer,
  failed           integer,
  stopped_by       text check (stopped_by in ('budget', 'empty', 'lock-lost')),
  duration_ms      integer
);
