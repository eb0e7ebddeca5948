import type { JobsAdapter } from "../target/jobs-adapter";
import type { Fault } from "./fault";

/**
 * Jobs whose payload misses its required field, so the job handler throws inside the job. The rows are
 * seeded by the scenario (`poisonJobs`); the evidence is the error the runner recorded on them, and the
 * heal repairs their data. Both come from the target's jobs adapter (`jobs.poison`).
 */
export function poisonJob(models: string): Fault {
  const poisonOf = (jobs: JobsAdapter) => {
    if (!jobs.poison) throw new Error("cronstorm: the target's jobs adapter has no `poison`");
    return jobs.poison;
  };
  return {
    name: "poison-job",
    models,
    unavailableFor: (jobs) => (jobs.poison ? undefined : "the target's jobs adapter says nothing about poison jobs (jobs.poison: the error they record and how to repair them)"),
    async start({ history }) {
      history.append({ type: "fault", phase: "start", at: Date.now(), fault: this.name });
    },
    async heal({ observer, history, jobs }) {
      await poisonOf(jobs).heal(observer);
      history.append({ type: "fault", phase: "heal", at: Date.now(), fault: this.name });
    },
    async evidence({ observer, jobs }) {
      const error = poisonOf(jobs).error;
      const failures = (await jobs.readAttempts(observer)).filter((a) => a.outcome === "failed" && a.error?.includes(error)).length;
      return { fired: failures > 0, detail: `${failures} attempt(s) failed inside the job handler` };
    },
  };
}
