import type { AppInstance } from "./app-instance";

/**
 * How a burst of `invocations` is laid out over child instances, so that every burst of two or more
 * exercises the layout that breaks pool-sharing locks: two invocations at once on one instance, sharing
 * its module state and pool (Fluid compute). From three invocations on, the others are dealt over further
 * instances (separate processes and pools, as serverless platforms spread deliveries), at most `max` in all.
 */
export function fleetSize(invocations: number, max: number): number {
  return invocations >= 3 ? Math.min(max, invocations - 1) : 1;
}

/** The instance (index) invocation `n` lands on: 0 and 1 share the first, the rest go round-robin over the others. */
export function instanceFor(n: number, instances: number): number {
  if (n < 2 || instances === 1) return 0;
  return 1 + ((n - 2) % (instances - 1));
}

/** Several instances behind one, invocations dealt by `instanceFor`, as a platform spreads deliveries. */
export function fleet(instances: AppInstance[]): AppInstance {
  const first = instances[0];
  if (!first) throw new Error("cronstorm: a fleet needs at least one instance");
  let next = 0;
  return {
    mode: first.mode,
    invoke: (request) => (instances[instanceFor(next++, instances.length)] ?? first).invoke(request),
    close: async () => {
      await Promise.all(instances.map((i) => i.close()));
    },
  };
}
