import type pg from "pg";
import { migrate } from "../db/migrate";
import { SeededRandom } from "../random";
import { seedJobs } from "../seed/seed-jobs";
import type { AttemptRow, JobRow, JobsAdapter, RunRow } from "./jobs-adapter";

/** src/'s jobs tables (src/db/migrations): the default adapters of every target. */
export const srcJobs: JobsAdapter = {
  async migrate(databaseUrl) {
    await migrate(databaseUrl);
  },
  async seed(db, { count, poison, seed }) {
    await seedJobs(db, new SeededRandom(seed), { count, poison });
  },
  async readJobs(db) {
    const { rows } = await db.query<JobRow>(`select id::text as id, status, attempts from background_jobs order by id`);
    return rows;
  },
  async readAttempts(db) {
    const { rows } = await db.query<AttemptRow>(
      `select job_id::text as "jobId", run_id::text as "runId", started_at as "startedAt", recorded_at as "recordedAt", finished_at as "finishedAt", outcome, error
       from background_job_attempts order by id`,
    );
    return rows;
  },
  async readRuns(db) {
    const { rows } = await db.query<RunRow>(
      `select run_id::text as "runId", started_at as "startedAt", finished_at as "finishedAt", duration_ms as "durationMs"
       from background_job_runs order by started_at`,
    );
    return rows;
  },
  faultSites: {
    claim: { table: "background_jobs", event: "update", when: "old.status = 'pending' and new.status = 'processing'" },
    "job-success-update": { table: "background_jobs", event: "update", when: "new.status = 'succeeded'" },
    "run-summary": { table: "background_job_runs", event: "update", when: "new.finished_at is not null" },
  },
  poison: {
    error: "job payload is missing",
    // Healing a poison job means fixing its data: give it the field it lacked.
    async heal(db: pg.Client) {
      await db.query(`update background_jobs set payload = payload || '{"thread":"t","company":"c","message":"m","customerName":"n","document":"d"}'::jsonb where payload ? 'note'`);
    },
  },
};
