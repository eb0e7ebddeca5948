import { TERMINATE_HOLDER_BACKEND } from "../checks/kill-faults";
import type { Nemesis } from "./catalog-world";
import { lockHolderPid, reportsLockEvents } from "./observe";
import { faultEvent } from "./observe";

/** pg_terminate_backend on the lock holder's session while its run goes on: the lock is lost. */
export function terminateHolderBackend(): Nemesis {
  let terminated: { pid: number; ok: boolean } | undefined;
  return {
    name: TERMINATE_HOLDER_BACKEND,
    models: "failover, an idle-session cull or pg_terminate_backend kills the holder's session while its process keeps working",
    async start(world) {
      const pid = await lockHolderPid(world);
      // The event marks when the kill began: a run may take the freed lock before the query returns.
      const at = Date.now();
      const { rows } = await world.observer.query<{ ok: boolean }>("select pg_terminate_backend($1) as ok", [pid]);
      terminated = { pid, ok: rows[0]?.ok === true };
      faultEvent(world, "start", this.name, `terminated backend ${pid}`, at, { pid });
    },
    async heal() {},
    async evidence(world) {
      // A route that reports its lock calls must also have seen its session die.
      const reports = reportsLockEvents(world);
      const lost = world.history.ofType("lock").some((e) => e.phase === "lost" && e.backendPid === terminated?.pid);
      const noticed = !reports ? "" : lost ? "; the route saw its lock session die" : "; the route never noticed";
      return {
        fired: terminated?.ok === true && (lost || !reports),
        detail: terminated ? `backend ${terminated.pid}, the lock holder, terminated (${terminated.ok})${noticed}` : "nothing terminated",
      };
    },
  };
}
