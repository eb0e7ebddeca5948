import type { Nemesis } from "./catalog-world";
import { appBackends, faultEvent, lockHolderPid } from "./observe";

/** Terminate every app session on the database at once: a failover or a cull of all connections. */
export function terminateAllBackends(): Nemesis {
  let terminated: { lock: number; pool: number } | undefined;
  return {
    name: "terminate-all-backends",
    models: "a database failover or restart drops every connection of the app, the lock session and the pool alike",
    async start(world) {
      const holder = await lockHolderPid(world);
      const backends = await appBackends(world);
      // The event marks when the kills began: a run may take the freed lock before the last one returns.
      const at = Date.now();
      for (const backend of backends) await world.observer.query("select pg_terminate_backend($1)", [backend.pid]);
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
