-- When the database wrote each attempt, on its own clock. started_at is when the run decided to claim
-- (what the time budget is judged by); the claim itself can run later, behind a busy pool or a
-- reconnect, and until it has run the job is not the run's. So two runs worked on jobs at once only
-- where their attempts overlap from recorded_at on. A default, so every writer of this table fills it;
-- added nullable first, so rows written before this migration stay null (unknown) instead of all
-- getting the migration's time.
alter table background_job_attempts add column recorded_at timestamptz;
alter table background_job_attempts alter column recorded_at set default clock_timestamp();
