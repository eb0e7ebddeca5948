import type { Nemesis } from "./catalog-world";
import { faultEvent, lockHolderInstance, lockHolderPid, openAttempts, reportsClaims, workInHand } from "./observe";

/** Runs looked at before the kill lands on one whatever it has in hand (the evidence then says so). */
const HOLDERS_TRIED = 3;

/** SIGKILL the instance holding the lock mid-run: `finally` never runs, as at maxDuration or on OOM. */
export function killHolder(): Nemesis {
  let killed: { name: string; pid: number; signal: string | null; openAttempts: number; writing: boolean } | undefined;
  return {
    name: "kill-holder",
    models: "the instance is stopped at maxDuration (800 s) or by OOM mid-run; `finally` never runs",
    needsProcess: "SIGKILLs the lock holder's process",
    async start(world) {
      // One look at each holder: asked again later, a run that has just finished holds nothing. A holder
      // with nothing in hand (between jobs through every look, or done with its work) would die proving
      // nothing, so the kill waits for the next run at work, a few at most.
      let since = 0;
      let pid: number;
      let holder: Awaited<ReturnType<typeof lockHolderInstance>>;
      let seen: Awaited<ReturnType<typeof workInHand>>;
      for (let run = 1; ; run += 1) {
        pid = await lockHolderPid(world, since);
        holder = await lockHolderInstance(world, pid, since);
        seen = await workInHand(world, pid);
        if (seen.attempts > 0 || seen.writing || run === HOLDERS_TRIED) break;
        since = Date.now();
      }
      const { attempts, writing } = seen;
      faultEvent(world, "start", this.name, `SIGKILL ${holder.name} (pid ${holder.pid})`);
      holder.signal("SIGKILL");
      const { signal } = await holder.exited;
      // Read again at once: under load the holder can finish a job between the look above and the kill,
      // and an attempt it left open now is work it died with (the next tick is a cron interval away).
      const leftOpen = await openAttempts(world);
      killed = { name: holder.name, pid: holder.pid, signal, openAttempts: Math.max(attempts, leftOpen), writing };
    },
    async heal() {},
    async evidence(world) {
      // Work in hand when it died: its own claims where the route reports them, else attempts the tables
      // showed open at the kill (the holder was the only run at work), or, for a run working inside the
      // lock's transaction, that transaction's uncommitted writes.
      const claimed = reportsClaims(world) ? world.history.ofType("job").some((e) => e.phase === "claim" && e.instance === killed?.name) : (killed?.openAttempts ?? 0) > 0 || killed?.writing === true;
      const fired = killed?.signal === "SIGKILL" && claimed;
      if (!killed) return { fired, detail: "no instance was killed" };
      const inHand = `${killed.openAttempts} open attempt(s)${killed.writing ? ", an open write transaction" : ""}`;
      return { fired, detail: `${killed.name} (pid ${killed.pid}) ended by ${killed.signal} while holding the lock; work in hand: ${inHand}` };
    },
  };
}
