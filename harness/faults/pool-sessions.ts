import { advisoryLockHolders } from "../db/pg-locks";
import type { HistoryEvent } from "../history";
import type { ChaosWorld, Nemesis } from "./catalog-world";
import { appBackends, faultEvent, TRIGGER_TIMEOUT_MS } from "./observe";

/** A sign that the runner is at work: a job claimed or an OpenAI call started. */
const atWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim") || (e.type === "openai" && e.phase === "start");

/**
 * Watches the sessions while the runner shares the instance's pool with the lock code: proof that the
 * pool really had `minPoolSessions` (or more, within the harness-sized maximum) connections at work,
 * and which sessions took and released the lock. Used for the pooled-lock and pool-size-1 faults.
 *
 * The pool grows only when queries overlap, so one look can land before it has: the sessions are
 * counted again at every sign of work until the heal, and the most seen at once is the evidence.
 */
export function poolSessions(options: { name: string; models: string; minPoolSessions: number; maxPoolSessions: number }): Nemesis {
  // One catalog entry's nemesis serves every run of it in a process: start() resets what a run saw.
  let most: number | undefined;
  let looks = 0;
  let stop = new AbortController();
  let watching: Promise<void> = Promise.resolve();

  const look = async (world: ChaosWorld) => {
    // Sessions other than the lock's: src/ names its lock session; for another app, whatever session
    // pg_locks shows holding the key is the lock's, pooled or not.
    const holders = world.poolSize === undefined ? new Set((await advisoryLockHolders(world.observer, world.lockKey)).map((h) => h.pid)) : new Set<number>();
    const seen = (await appBackends(world)).filter((b) => !b.application.startsWith("cron-lock:") && !holders.has(b.pid)).length;
    most = Math.max(most ?? 0, seen);
    looks += 1;
  };

  const watch = async (world: ChaosWorld, from: number) => {
    let since = from;
    while (!stop.signal.aborted) {
      const next = await world.history.waitFor("the runner's next job claim or OpenAI call", (e) => e.at > since && atWork(e), TRIGGER_TIMEOUT_MS, stop.signal).catch(() => undefined);
      if (!next || stop.signal.aborted) return;
      since = next.at;
      await look(world);
    }
  };

  return {
    name: options.name,
    models: options.models,
    async start(world) {
      [most, looks, stop] = [undefined, 0, new AbortController()];
      // Two jobs in hand (a second claim where the route reports claims, else two OpenAI calls at once):
      // the runner's pool is at work beside the lock.
      const claims = () => world.history.ofType("job").filter((j) => j.phase === "claim").length;
      const twoAtWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim" && claims() >= 2) || (e.type === "openai" && e.phase === "start" && e.inFlight >= 2);
      const trigger = await world.history.waitFor("two jobs in hand", twoAtWork, TRIGGER_TIMEOUT_MS);
      await look(world);
      faultEvent(world, "start", options.name, `${most} pooled sessions at work`);
      watching = watch(world, trigger.at);
    },
    async heal(world) {
      stop.abort();
      await watching;
      // The pool keeps idle connections for a while: a last look counts the ones opened since.
      if (looks > 0) await look(world);
    },
    async evidence(world) {
      const lockPids = new Set(world.history.ofType("lock").filter((e) => e.phase !== "lost").map((e) => e.backendPid));
      // The upper bound holds only where the harness sized the pool; another app's pool is its own.
      const inRange = most !== undefined && most >= options.minPoolSessions && (world.poolSize === undefined || most <= options.maxPoolSessions);
      return {
        fired: inRange,
        detail: `at most ${most ?? "no"} pooled session(s) at work over ${looks} look(s) (expected ${world.poolSize === undefined ? `at least ${options.minPoolSessions}` : `${options.minPoolSessions}–${options.maxPoolSessions}`}); lock calls ran on ${lockPids.size} distinct session(s)`,
      };
    },
  };
}
