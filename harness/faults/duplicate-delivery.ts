import type { Nemesis } from "./catalog-world";

/** Each cron event is delivered twice, the copy up to 2 s later (the scenario sets deliveries: 2). */
export function duplicateDelivery(): Nemesis {
  return {
    name: "duplicate-delivery",
    models: "Vercel delivers the same cron event more than once",
    async start() {},
    async heal() {},
    async evidence(world) {
      const ticks = world.history.ofType("tick").filter((t) => t.deliveries > 1).length;
      const invocations = world.history.ofType("invoke").length;
      return { fired: ticks > 0 && invocations >= ticks * 2, detail: `${ticks} ticks delivered twice (${invocations} invocations)` };
    },
  };
}
