import type { Nemesis } from "../nemesis";
import { firstClaim, holderBackendPid } from "../world";
import { faultEvent } from "./helpers";

/** pg_terminate_backend on the lock holder's session while its run goes on: the lock is lost. */
export function terminateHolderBackend(): Nemesis {
  let terminated: { pid: number; ok: boolean } | undefined;
  return {
    name: "terminate-holder-backend",
    models: "failover, an idle-session cull or pg_terminate_backend kills the holder's session while its process keeps working",
    async start(world) {
      const { instance } = await firstClaim(world);
      const pid = holderBackendPid(world, instance);
      if (!pid) throw new Error(`no lock acquisition recorded for ${instance}`);
      const { rows } = await world.observer.query<{ ok: boolean }>("select pg_terminate_backend($1) as ok", [pid]);
      terminated = { pid, ok: rows[0]?.ok === true };
      faultEvent(world, "start", this.name, `terminated backend ${pid}`);
    },
    async heal() {},
    async evidence(world) {
      const lost = world.history.ofType("lock").some((e) => e.phase === "lost" && e.backendPid === terminated?.pid);
      return {
        fired: terminated?.ok === true && lost,
        detail: terminated ? `backend ${terminated.pid} terminated (${terminated.ok}); the route ${lost ? "saw its lock session die" : "never noticed"}` : "nothing terminated",
      };
    },
  };
}
