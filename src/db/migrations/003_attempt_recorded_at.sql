-- When the database wrote each attempt, on its own clock. started_at is when the run decided to claim
-- (what the time budget is judged by); the claim itself can run later, behind a busy pool or a
-- reconnect, and until it has run the job is not the run's. So two runs worked on jobs at once only
-- where their attempts overlap from recorded_at on. A default, so every writer of this table fills it.
alter table background_job_attempts add column recorded_at timestamptz not null default clock_timestamp();
