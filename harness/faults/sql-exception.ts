import type { Fault } from "./fault";

/** Where in the app's database traffic a trigger raises. */
export type SqlExceptionSite = "claim" | "job-success-update" | "run-summary";

const TRIGGERS: Record<SqlExceptionSite, string> = {
  claim: `before update on background_jobs for each row when (old.status = 'pending' and new.status = 'processing')`,
  "job-success-update": `before update on background_jobs for each row when (new.status = 'succeeded')`,
  "run-summary": `before update on background_job_runs for each row when (new.finished_at is not null)`,
};

/**
 * A real exception raised by PostgreSQL inside one of the app's statements, via a trigger. The trigger
 * bumps a sequence before raising; sequences ignore rollback, so the count proves the fault fired.
 */
export function sqlException(site: SqlExceptionSite, models: string): Fault {
  const table = site === "run-summary" ? "background_job_runs" : "background_jobs";
  return {
    name: `sql-exception:${site}`,
    models,
    async start({ db, history }) {
      await db.query(`
        create sequence if not exists cronstorm_fault_hits;
        create or replace function cronstorm_raise_fault() returns trigger language plpgsql as $$
        begin
          perform nextval('cronstorm_fault_hits');
          raise exception 'cronstorm injected fault at %', tg_argv[0];
        end $$;
        create trigger cronstorm_fault ${TRIGGERS[site]} execute function cronstorm_raise_fault('${site}');`);
      history.append({ type: "fault", phase: "start", at: Date.now(), fault: this.name });
    },
    async heal({ db, history }) {
      await db.query(`drop trigger if exists cronstorm_fault on ${table}`);
      history.append({ type: "fault", phase: "heal", at: Date.now(), fault: this.name });
    },
    async evidence({ db }) {
      const { rows } = await db.query<{ hits: string }>(
        `select case when is_called then last_value else 0 end as hits from cronstorm_fault_hits`,
      );
      const hits = Number(rows[0]?.hits ?? 0);
      return { fired: hits > 0, detail: `the ${site} trigger raised ${hits} time(s)` };
    },
  };
}
