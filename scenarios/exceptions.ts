import { openaiException } from "../harness/faults/openai-exception";
import { poisonJob } from "../harness/faults/poison-job";
import { sqlException } from "../harness/faults/sql-exception";
import { latency } from "../harness/openai/latency";
import type { ScenarioSpec } from "../harness/drivers/scenario/spec";

/** Every stage of a run throws once; afterwards the lock must be free and the next tick must run. */
const exceptionScenario = (stage: string, fault: ScenarioSpec["fault"], extra: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  name: `exception-${stage}`,
  proves: `an exception ${fault?.models} leaves the lock free, and the next invocation proceeds`,
  invocations: 1,
  jobs: 6,
  // Stated, not left to the default: four jobs at once keep the app's pool busy when the run ends, so a
  // lock taken and released through the pool has its unlock handed another connection (pg-pool reuses
  // the last one freed) and leaks (harness/target/reference-routes/pooled-lock-beyond-bursts.test.ts).
  concurrency: 4,
  openai: { latency: latency.fixed(1_000), maxRetries: 0 },
  fault,
  followUp: true,
  checks: ["lock-free", "follow-up-proceeds", "no-double-processing", "work-inside-lock", "error-body-safe"],
  ...extra,
});

export const EXCEPTIONS: ScenarioSpec[] = [
  exceptionScenario("before-first-job", sqlException("claim", "before the first job (the claim query fails)"), { expectedStatus: 500 }),
  exceptionScenario("inside-job", poisonJob("inside a job (its handler throws on a bad payload)"), { poisonJobs: 2 }),
  exceptionScenario("openai-call", openaiException("in the OpenAI call")),
  exceptionScenario("job-update", sqlException("job-success-update", "in the job's database update")),
  exceptionScenario("summary", sqlException("run-summary", "while building the run summary"), { expectedStatus: 500 }),
];
