import type { JobsAdapter, SqlFaultSite, TriggerSite } from "../target/jobs-adapter";
import type { Fault } from "./fault";

export type SqlExceptionSite = SqlFaultSite;

/**
 * A real exception raised by PostgreSQL inside one of the app's statements, via a trigger on the table
 * the target's jobs adapter names for `site`. The trigger bumps a sequence before raising; sequences
 * ignore rollback, so the count proves the fault fired.
 */
export function sqlException(site: SqlExceptionSite, models: string): Fault {
  const siteOf = (jobs: JobsAdapter): TriggerSite => {
    const found = jobs.faultSites?.[site];
    if (!found) throw new Error(`cronstorm: the target's jobs adapter has no faultSites["${site}"]`);
    return found;
  };
  return {
    name: `sql-exception:${site}`,
    models,
    unavailableFor: (jobs) => (jobs.faultSites?.[site] ? undefined : `the target's jobs adapter names no trigger site for "${site}" (jobs.faultSites["${site}"])`),
    async start({ observer, history, jobs }) {
      const { table, event, when } = siteOf(jobs);
      await observer.query(`
        create sequence if not exists cronstorm_fault_hits;
        create or replace function cronstorm_raise_fault() returns trigger language plpgsql as $$
        begin
          perform nextval('cronstorm_fault_hits');
          raise exception 'cronstorm injected fault at %', tg_argv[0];
        end $$;
        create trigger cronstorm_fault before ${event} on ${table} for each row ${when ? `when (${when})` : ""}
          execute function cronstorm_raise_fault('${site}');`);
      history.append({ type: "fault", phase: "start", at: Date.now(), fault: this.name });
    },
    async heal({ observer, history, jobs }) {
      await observer.query(`drop trigger if exists cronstorm_fault on ${siteOf(jobs).table}`);
      history.append({ type: "fault", phase: "heal", at: Date.now(), fault: this.name });
    },
    async evidence({ observer }) {
      const { rows } = await observer.query<{ hits: string }>(
        `select case when is_called then last_value else 0 end as hits from cronstorm_fault_hits`,
      );
      const hits = Number(rows[0]?.hits ?? 0);
      return { fired: hits > 0, detail: `the ${site} trigger raised ${hits} time(s)` };
    },
  };
}
