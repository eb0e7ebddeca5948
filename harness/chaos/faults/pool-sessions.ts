import type { Nemesis } from "../nemesis";
import { firstClaim } from "../world";
import { appBackends, faultEvent } from "./helpers";

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
      await firstClaim(world);
      await world.history.waitFor("a second job claim", (e) => e.type === "job" && e.phase === "claim" && world.history.ofType("job").filter((j) => j.phase === "claim").length >= 2, 30_000);
      seen = (await appBackends(world)).filter((b) => !b.application.startsWith("cron-lock:")).length;
      faultEvent(world, "start", options.name, `${seen} pooled sessions at work`);
    },
    async heal() {},
    async evidence(world) {
      const lockPids = new Set(world.history.ofType("lock").filter((e) => e.phase !== "lost").map((e) => e.backendPid));
      const inRange = seen !== undefined && seen >= options.minPoolSessions && seen <= options.maxPoolSessions;
      return {
        fired: inRange,
        detail: `${seen ?? "no"} pooled session(s) at work (expected ${options.minPoolSessions}–${options.maxPoolSessions}); lock calls ran on ${lockPids.size} distinct session(s)`,
      };
    },
  };
}
