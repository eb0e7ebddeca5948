import type pg from "pg";

/** A job's state in the harness's words; an adapter maps its own states onto these. */
export type JobStatus = "pending" | "processing" | "succeeded" | "failed";

export interface JobRow {
  id: string;
  status: JobStatus;
  /** Attempts the app counted against the job (0: never claimed). */
  attempts: number;
}

/** One attempt at one job by one run: the audit trail the exclusivity checks read. */
export interface AttemptRow {
  jobId: string;
  runId: string;
  startedAt: Date;
  /**
   * When the database wrote the attempt, if the table records it (src/'s schema does): the claim itself,
   * which a busy pool can delay past startedAt. Overlap checks start the attempt here.
   */
  recordedAt?: Date | null;
  /** null while the attempt is open (or its run died). */
  finishedAt: Date | null;
  outcome: "succeeded" | "failed" | null;
  error: string | null;
}

/** One run that got the lock. */
export interface RunRow {
  runId: string;
  startedAt: Date;
  /** null for a run that crashed or was killed before it recorded its end. */
  finishedAt: Date | null;
  durationMs: number | null;
}

/** Where the exception scenarios make the app's own SQL raise, with a trigger on one of its tables. */
export const SQL_FAULT_SITES = ["claim", "job-success-update", "run-summary"] as const;
export type SqlFaultSite = (typeof SQL_FAULT_SITES)[number];

/** `before <event> on <table> for each row when (<when>)`: the statement of the app's that must fail. */
export interface TriggerSite {
  table: string;
  event: "insert" | "update";
  when?: string;
}

/**
 * How the harness migrates, seeds and reads a target's jobs tables. The default (harness/target/adapters.ts)
 * fits src/'s schema; an app with its own schema supplies these small functions instead.
 */
export interface JobsAdapter {
  /** Applies the app's schema to an empty database: the template every scenario's database is cloned from. */
  migrate(databaseUrl: string): Promise<void>;
  /** Inserts `count` jobs due now; the first `poison` of them make the job handler throw. Same `seed`, same rows. */
  seed(db: pg.Client, options: { count: number; poison: number; seed: number }): Promise<void>;
  readJobs(db: pg.Client): Promise<JobRow[]>;
  readAttempts(db: pg.Client): Promise<AttemptRow[]>;
  readRuns(db: pg.Client): Promise<RunRow[]>;
  /** Trigger sites for the SQL exception scenarios; a scenario whose site is missing is unavailable. */
  faultSites?: Partial<Record<SqlFaultSite, TriggerSite>>;
  /** The error a poison job's attempt records, and how to repair the poison jobs (exception-inside-job). */
  poison?: { error: string; heal(db: pg.Client): Promise<void> };
}
