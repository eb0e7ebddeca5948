import type { Nemesis } from "./catalog-world";
import { faultEvent, lockHolderInstance, openAttempts } from "./observe";

/** SIGKILL the instance holding the lock mid-run: `finally` never runs, as at maxDuration or on OOM. */
export function killHolder(): Nemesis {
  let killed: { name: string; pid: number; signal: string | null; openAttempts: number } | undefined;
  return {
    name: "kill-holder",
    models: "the instance is stopped at maxDuration (800 s) or by OOM mid-run; `finally` never runs",
    needsProcess: "SIGKILLs the lock holder's process",
    async start(world) {
      const holder = await lockHolderInstance(world);
      const attempts = await openAttempts(world);
      faultEvent(world, "start", this.name, `SIGKILL ${holder.name} (pid ${holder.pid})`);
      holder.signal("SIGKILL");
      const { signal } = await holder.exited;
      killed = { name: holder.name, pid: holder.pid, signal, openAttempts: attempts };
    },
    async heal() {},
    async evidence() {
      // The holder was found by its lock in pg_locks while a run was at work; its jobs were in hand.
      const fired = killed?.signal === "SIGKILL" && killed.openAttempts > 0;
      return { fired, detail: killed ? `${killed.name} (pid ${killed.pid}) ended by ${killed.signal} while holding the lock with jobs claimed` : "no instance was killed" };
    },
  };
}
