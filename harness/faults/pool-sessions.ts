import { advisoryLockHolders } from "../db/pg-locks";
import type { HistoryEvent } from "../history";
import type { ChaosWorld, Nemesis } from "./catalog-world";
import { appBackends, faultEvent, signOfWork, TRIGGER_TIMEOUT_MS } from "./observe";

/** What one run of the fault saw: the most pooled sessions open at once, over how many looks. */
interface Watch {
  most: number | undefined;
  looks: number;
  failedLooks: number;
  readonly stop: AbortController;
  watching: Promise<void>;
}

/**
 * Watches the sessions while the runner shares the instance's pool with the lock code: proof that the
 * pool really had `minPoolSessions` (or more, within the harness-sized maximum) connections open, and
 * which sessions took and released the lock. Used for the pooled-lock and pool-size-1 faults.
 *
 * The pool grows only when queries overlap, so one look can land before it has: the sessions are
 * counted again at every sign of work until the heal, and the most seen at once is the evidence.
 */
export function poolSessions(options: { name: string; models: string; minPoolSessions: number; maxPoolSessions: number }): Nemesis {
  // One catalog entry's nemesis serves every run of it in a process: each run watches with its own state.
  let run: Watch | undefined;

  const look = async (world: ChaosWorld, watch: Watch) => {
    try {
      // Sessions other than the lock's: src/ names its lock session; for another app, whatever session
      // pg_locks shows holding the key is the lock's, pooled or not.
      const holders = world.poolSize === undefined ? new Set((await advisoryLockHolders(world.observer, world.lockKey)).map((h) => h.pid)) : new Set<number>();
      const seen = (await appBackends(world)).filter((b) => !b.application.startsWith("cron-lock:") && !holders.has(b.pid)).length;
      watch.most = Math.max(watch.most ?? 0, seen);
      watch.looks += 1;
    } catch {
      // A look that fails (the observer's query) proves nothing either way; the detail counts it.
      watch.failedLooks += 1;
    }
  };

  const watchUntilHealed = async (world: ChaosWorld, watch: Watch, from: number) => {
    for (let since = from; !watch.stop.signal.aborted; ) {
      const next = await world.history.waitFor("the runner's next job claim or OpenAI call", (e) => e.at > since && signOfWork(e), TRIGGER_TIMEOUT_MS, watch.stop.signal).catch(() => undefined);
      if (!next || watch.stop.signal.aborted) return;
      since = next.at;
      await look(world, watch);
    }
  };

  return {
    name: options.name,
    models: options.models,
    async start(world) {
      run?.stop.abort();
      const watch: Watch = { most: undefined, looks: 0, failedLooks: 0, stop: new AbortController(), watching: Promise.resolve() };
      run = watch;
      // Two jobs in hand (a second claim where the route reports claims, else two OpenAI calls at once):
      // the runner's pool is at work beside the lock.
      const claims = () => world.history.ofType("job").filter((j) => j.phase === "claim").length;
      const twoAtWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim" && claims() >= 2) || (e.type === "openai" && e.phase === "start" && e.inFlight >= 2);
      const trigger = await world.history.waitFor("two jobs in hand", twoAtWork, TRIGGER_TIMEOUT_MS);
      await look(world, watch);
      faultEvent(world, "start", options.name, `${watch.most ?? "no"} pooled sessions open`);
      watch.watching = watchUntilHealed(world, watch, trigger.at);
    },
    async heal(world) {
      const watch = run;
      if (!watch) return;
      watch.stop.abort();
      await watch.watching;
      // The pool keeps idle connections for a while: a last look counts the ones opened since.
      if (watch.looks + watch.failedLooks > 0) await look(world, watch);
    },
    async evidence(world) {
      const { most, looks = 0, failedLooks = 0 } = run ?? {};
      const lockPids = new Set(world.history.ofType("lock").filter((e) => e.phase !== "lost").map((e) => e.backendPid));
      // The upper bound holds only where the harness sized the pool; another app's pool is its own.
      const inRange = most !== undefined && most >= options.minPoolSessions && (world.poolSize === undefined || most <= options.maxPoolSessions);
      const failed = failedLooks > 0 ? ` (${failedLooks} failed)` : "";
      return {
        fired: inRange,
        detail: `at most ${most ?? "no"} pooled session(s) open at once over ${looks} look(s)${failed} (expected ${world.poolSize === undefined ? `at least ${options.minPoolSessions}` : `${options.minPoolSessions}–${options.maxPoolSessions}`}); lock calls ran on ${lockPids.size} distinct session(s)`,
      };
    },
  };
}
