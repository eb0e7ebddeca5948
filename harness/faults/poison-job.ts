import type { Fault } from "./fault";

/**
 * Jobs whose payload misses its required field, so the job handler throws inside the job. The rows are
 * seeded by the scenario (`poisonJobs`); the evidence is the error the runner recorded on them.
 */
export function poisonJob(models: string): Fault {
  return {
    name: "poison-job",
    models,
    async start({ history }) {
      history.append({ type: "fault", phase: "start", at: Date.now(), fault: this.name });
    },
    async heal({ db, history }) {
      // Healing a poison job means fixing its data: give it the field it lacked.
      await db.query(`update background_jobs set payload = payload || '{"thread":"t","company":"c","message":"m","customerName":"n","document":"d"}'::jsonb where payload ? 'note'`);
      history.append({ type: "fault", phase: "heal", at: Date.now(), fault: this.name });
    },
    async evidence({ db }) {
      const { rows } = await db.query<{ failures: number }>(
        `select count(*)::int as failures from background_job_attempts where error like 'job payload is missing%'`,
      );
      const failures = rows[0]?.failures ?? 0;
      return { fired: failures > 0, detail: `${failures} attempt(s) failed inside the job handler` };
    },
  };
}
