import type { Nemesis } from "./catalog-world";
import { faultEvent, lockHolderInstance, openAttempts, reportsClaims } from "./observe";

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
    async evidence(world) {
      // Jobs in hand when it died: its own claims where the route reports them, else attempts the tables
      // showed open at the kill (the holder was the only run at work).
      const claimed = reportsClaims(world) ? world.history.ofType("job").some((e) => e.phase === "claim" && e.instance === killed?.name) : (killed?.openAttempts ?? 0) > 0;
      const fired = killed?.signal === "SIGKILL" && claimed;
      return { fired, detail: killed ? `${killed.name} (pid ${killed.pid}) ended by ${killed.signal} while holding the lock with jobs claimed` : "no instance was killed" };
    },
  };
}
