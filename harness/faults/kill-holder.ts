import { decidedAt, workIntervals } from "../checks/intervals";
import { KILL_HOLDER } from "../checks/kill-faults";
import type { ChaosWorld, Nemesis } from "./catalog-world";
import { faultEvent, lockHolderInstance, openAttempts, reportsClaims, workInHand } from "./observe";

/** Holders looked at (the same run again, or the next one at work) before the kill lands whatever is in hand; the evidence then says so. */
const HOLDER_LOOKS = 3;

/** SIGKILL the instance holding the lock mid-run: `finally` never runs, as at maxDuration or on OOM. */
export function killHolder(): Nemesis {
  let killed: { name: string; pid: number; at: number; signal: string | null; openAttempts: number; writing: boolean } | undefined;
  return {
    name: KILL_HOLDER,
    models: "the instance is stopped at maxDuration (800 s) or by OOM mid-run; `finally` never runs",
    needsProcess: "SIGKILLs the lock holder's process",
    async start(world) {
      const { holder, attempts, writing } = await holderAtWork(world);
      const at = Date.now();
      faultEvent(world, "start", this.name, `SIGKILL ${holder.name} (pid ${holder.pid})`, at, { instance: holder.name });
      holder.signal("SIGKILL");
      const { signal } = await holder.exited;
      // Read again at once: under load the holder can finish a job between the look above and the kill,
      // and an attempt it left open now is work it died with. Only attempts started before the kill: a
      // next run may already have taken the freed lock and claimed.
      const leftOpen = await openAttempts(world, at);
      killed = { name: holder.name, pid: holder.pid, at, signal, openAttempts: Math.max(attempts, leftOpen), writing };
    },
    async heal() {},
    async evidence(world) {
      // Work in hand when it died: attempts the tables showed open at the kill (the holder was the only run
      // at work), or, for a run working inside the lock's transaction, that transaction's uncommitted
      // writes, or, where the route reports its claims, jobs the killed instance had claimed and not finished.
      if (!killed) return { fired: false, detail: "no instance was killed" };
      const unfinished = reportsClaims(world) ? unfinishedClaims(world, killed.name, killed.at) : 0;
      const fired = killed.signal === "SIGKILL" && (killed.openAttempts > 0 || killed.writing || unfinished > 0);
      const inHand = `${killed.openAttempts} open attempt(s)${killed.writing ? ", an open write transaction" : ""}${reportsClaims(world) ? `, ${unfinished} claim(s) it reported unfinished` : ""}`;
      return { fired, detail: `${killed.name} (pid ${killed.pid}) ended by ${killed.signal} while holding the lock; work in hand: ${inHand}` };
    },
  };
}

/**
 * The lock's holder and the work it has in hand, one look at each holder (asked again later, a run that
 * has just finished holds nothing). A holder with nothing in hand (between jobs through every look, or
 * done with its work) would die proving nothing, so the kill waits for the next run at work, a few at most.
 */
async function holderAtWork(world: ChaosWorld) {
  let since = 0;
  for (let look = 1; ; look += 1) {
    const { instance: holder, pid } = await lockHolderInstance(world, since);
    const seen = await workInHand(world, pid);
    if (seen.attempts > 0 || seen.writing || look === HOLDER_LOOKS) return { holder, ...seen };
    since = Date.now();
  }
}

/**
 * Jobs `instance` had decided to claim before `at` and had not finished by then (the route's own work
 * intervals): a claim in flight at the kill is work in hand too.
 */
function unfinishedClaims(world: ChaosWorld, instance: string, at: number): number {
  return workIntervals(world.history).filter((i) => i.instance === instance && decidedAt(i) <= at && i.end > at).length;
}
