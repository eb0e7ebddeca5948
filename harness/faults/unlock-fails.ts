import type { Nemesis } from "./catalog-world";
import { faultEvent, reportsLockEvents } from "./observe";

/**
 * `pg_advisory_unlock` itself raises. New sessions on the database resolve the unqualified function to
 * a schema searched before pg_catalog, whose version bumps a counter and raises.
 */
export function unlockFails(): Nemesis {
  return {
    name: "unlock-fails",
    models: "the unlock call itself fails (connection reset, statement timeout) and the lock could stay on the session",
    async prepare(world) {
      await world.observer.query(`
        create sequence cronstorm_unlock_failures;
        create schema cronstorm_faults;
        create function cronstorm_faults.pg_advisory_unlock(bigint) returns boolean language plpgsql as $$
        begin
          perform nextval('public.cronstorm_unlock_failures');
          raise exception 'cronstorm injected unlock failure';
        end $$;
        create function cronstorm_faults.pg_advisory_unlock(integer, integer) returns boolean language plpgsql as $$
        begin
          perform nextval('public.cronstorm_unlock_failures');
          raise exception 'cronstorm injected unlock failure';
        end $$;
        alter database "${world.databaseName}" set search_path = cronstorm_faults, pg_catalog, public;`);
      faultEvent(world, "start", this.name);
    },
    async start() {},
    async heal(world) {
      await world.observer.query(`alter database "${world.databaseName}" reset search_path`);
      faultEvent(world, "heal", this.name);
    },
    async evidence(world) {
      const { rows } = await world.observer.query<{ n: string }>(`select case when is_called then last_value else 0 end as n from cronstorm_unlock_failures`);
      const failures = Number(rows[0]?.n ?? 0);
      // A route that reports its lock calls must also have seen the failure.
      const reports = reportsLockEvents(world);
      const reported = world.history.ofType("lock").filter((e) => e.phase === "release" && e.error).length;
      const seen = reports ? `; the route reported ${reported} failed release(s)` : "";
      return { fired: failures > 0 && (reported > 0 || !reports), detail: `the unlock raised ${failures} time(s)${seen}` };
    },
  };
}
