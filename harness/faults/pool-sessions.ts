import { advisoryLockHolders } from "../db/pg-locks";
import type { HistoryEvent } from "../history";
import type { Nemesis } from "./catalog-world";
import { appBackends, faultEvent, TRIGGER_TIMEOUT_MS } from "./observe";

/**
 * Watches the sessions while the runner shares the instance's pool with the lock code: proof that the
 * pool really had `expectPool` (or more) connections at work, and which sessions took and released the
 * lock. Used for the pooled-lock and pool-size-1 faults.
 */
export function poolSessions(options: { name: string; models: string; minPoolSessions: number; maxPoolSessions: number }): Nemesis {
  let seen: number | undefined;
  return {
    name: options.name,
    models: options.models,
    async start(world) {
      // Two jobs in hand (a second claim where the route reports claims, else two OpenAI calls at once):
      // the runner's pool is at work beside the lock.
      const claims = () => world.history.ofType("job").filter((j) => j.phase === "claim").length;
      const twoAtWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim" && claims() >= 2) || (e.type === "openai" && e.phase === "start" && e.inFlight >= 2);
      await world.history.waitFor("two jobs in hand", twoAtWork, TRIGGER_TIMEOUT_MS);
      // Sessions other than the lock's: src/ names its lock session; for another app, whatever session
      // pg_locks shows holding the key is the lock's, pooled or not.
      const holders = world.poolSize === undefined ? new Set((await advisoryLockHolders(world.observer, world.lockKey)).map((h) => h.pid)) : new Set<number>();
      seen = (await appBackends(world)).filter((b) => !b.application.startsWith("cron-lock:") && !holders.has(b.pid)).length;
      faultEvent(world, "start", options.name, `${seen} pooled sessions at work`);
    },
    async heal() {},
    async evidence(world) {
      const lockPids = new Set(world.history.ofType("lock").filter((e) => e.phase !== "lost").map((e) => e.backendPid));
      // The upper bound holds only where the harness sized the pool; another app's pool is its own.
      const inRange = seen !== undefined && seen >= options.minPoolSessions && (world.poolSize === undefined || seen <= options.maxPoolSessions);
      return {
        fired: inRange,
        detail: `${seen ?? "no"} pooled session(s) at work (expected ${world.poolSize === undefined ? `at least ${options.minPoolSessions}` : `${options.minPoolSessions}–${options.maxPoolSessions}`}); lock calls ran on ${lockPids.size} distinct session(s)`,
      };
    },
  };
}
