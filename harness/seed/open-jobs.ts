import type pg from "pg";
import type { JobsAdapter } from "../target/jobs-adapter";

/** Jobs not yet terminal (pending or processing): the backlog, read through the target's jobs adapter. */
export async function openJobs(jobs: JobsAdapter, db: pg.Client): Promise<number> {
  return (await jobs.readJobs(db)).filter((job) => job.status === "pending" || job.status === "processing").length;
}
