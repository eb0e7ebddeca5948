import { TERMINATE_ALL_BACKENDS } from "../checks/kill-faults";
import type { Nemesis } from "./catalog-world";
import { appBackends, faultEvent, lockHolderPid } from "./observe";

/** Terminate every app session on the database at once: a failover or a cull of all connections. */
export function terminateAllBackends(): Nemesis {
  let terminated: { lock: number; pool: number } | undefined;
  return {
    name: TERMINATE_ALL_BACKENDS,
    models: "a database failover or restart drops every connection of the app, the lock session and the pool alike",
    async start(world) {
      const holder = await lockHolderPid(world);
      const backends = await appBackends(world);
      // The event marks when the kills began: a run may take the freed lock before the last one returns.
      // One statement, the holder first: each round trip after the event would eat into the app's
      // reaction window (checks/reaction-window.ts) before its lock session died.
      // Only this database's backends: a reported holder whose session has ended may be a reused pid.
      const pids = backends.map((b) => b.pid).sort((a, b) => Number(b === holder) - Number(a === holder));
      const at = Date.now();
      await world.observer.query("select pg_terminate_backend(pid) from unnest($1::int[]) with ordinality as kill(pid, n) order by n", [pids]);
      terminated = {
        lock: backends.filter((b) => b.pid === holder).length,
        pool: backends.filter((b) => b.pid !== holder).length,
      };
      faultEvent(world, "start", this.name, `terminated ${backends.length} backends`, at);
    },
    async heal() {},
    async evidence() {
      const fired = (terminated?.lock ?? 0) > 0 && (terminated?.pool ?? 0) > 0;
      return { fired, detail: terminated ? `terminated ${terminated.lock} lock session(s) and ${terminated.pool} pool connection(s)` : "nothing terminated" };
    },
  };
}
