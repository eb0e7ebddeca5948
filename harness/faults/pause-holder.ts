import type { Nemesis } from "./catalog-world";
import { faultEvent, lockHolderInstance, processState, ticksAfter } from "./observe";

/** SIGSTOP the lock holder for two cron intervals, then SIGCONT: a GC pause or a frozen instance. */
export function pauseHolder(): Nemesis {
  let observed: { name: string; state: string; ticksWhilePaused: number } | undefined;
  return {
    name: "pause-holder",
    models: "a GC pause or frozen instance holds its session, and so the lock, past the next tick",
    needsProcess: "SIGSTOPs and then SIGCONTs the lock holder's process",
    async start(world) {
      const { instance: holder } = await lockHolderInstance(world);
      holder.signal("SIGSTOP");
      const pausedAt = Date.now();
      faultEvent(world, "start", this.name, `SIGSTOP ${holder.name}`);
      const state = await processState(holder.pid, "T");
      await ticksAfter(world.history, pausedAt, 2);
      const ticksWhilePaused = world.history.ofType("tick").filter((t) => t.at > pausedAt).length;
      holder.signal("SIGCONT");
      faultEvent(world, "heal", this.name, `SIGCONT ${holder.name}`);
      observed = { name: holder.name, state, ticksWhilePaused };
    },
    async heal() {},
    async evidence() {
      // /proc state T = stopped by a signal.
      const fired = observed?.state === "T" && observed.ticksWhilePaused >= 2;
      return { fired, detail: observed ? `${observed.name} was in state ${observed.state} for ${observed.ticksWhilePaused} cron ticks` : "nothing was paused" };
    },
  };
}
