import type { IsolatedInstance } from "../target/instances/isolated-instance";
import type { Nemesis } from "./catalog-world";
import { isolatedInstances } from "./catalog-world";
import { faultEvent, processState, ticksAfter, TRIGGER_TIMEOUT_MS } from "./observe";

/**
 * Freezes the first instance that runs, the moment its response is out, for two cron intervals, then
 * SIGKILLs it: a serverless platform may freeze an instance as soon as it has answered and reclaim it
 * later. A route whose unlock runs after its response (not awaited, or scheduled for "after") leaves the
 * lock with a live, frozen session, and the next ticks find it taken while nothing runs.
 */
export function freezeAfterResponse(): Nemesis {
  let observed: { name: string; state: string; invocation: number; ticksWhileFrozen: number } | undefined;
  let frozen: IsolatedInstance | undefined;
  return {
    name: "freeze-after-response",
    models: "the platform freezes the instance as soon as its response is out; work after the response (an unlock not awaited) does not run",
    needsProcess: "arms a child instance to SIGSTOP itself right after it answers",
    async start(world) {
      // Armed before the first tick, which goes to the first instance.
      const first = isolatedInstances(world)[0];
      if (!first) throw new Error("cronstorm: freeze-after-response needs isolated instances");
      const froze = await withTimeout(first.freezeAfterResponse(), `${first.name} to answer a run and freeze`);
      frozen = first;
      const frozenAt = Date.now();
      faultEvent(world, "start", this.name, `${first.name} froze right after answering invocation ${froze.invocationId}`);
      const state = await processState(first.pid, "T");
      await ticksAfter(world.history, frozenAt, 2);
      const ticksWhileFrozen = world.history.ofType("tick").filter((t) => t.at > frozenAt).length;
      observed = { name: first.name, state, invocation: froze.invocationId, ticksWhileFrozen };
    },
    async heal(world) {
      if (!frozen) return;
      // The platform reclaims the frozen instance: its sessions, and any lock on them, end with it.
      frozen.signal("SIGKILL");
      await frozen.exited;
      faultEvent(world, "heal", this.name, `SIGKILL ${frozen.name}`);
    },
    async evidence() {
      const fired = observed?.state === "T" && observed.ticksWhileFrozen >= 2;
      return {
        fired,
        detail: observed ? `${observed.name} froze (state ${observed.state}) right after answering a run, for ${observed.ticksWhileFrozen} cron ticks` : "no instance froze",
      };
    },
  };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cronstorm: waited ${TRIGGER_TIMEOUT_MS} ms for ${what}`)), TRIGGER_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
