import type { AppInstance } from "./app-instance";

/** Several instances behind one: invocations go round-robin, as a platform spreads deliveries over instances. */
export function fleet(instances: AppInstance[]): AppInstance {
  const first = instances[0];
  if (!first) throw new Error("cronstorm: a fleet needs at least one instance");
  let next = 0;
  return {
    mode: first.mode,
    invoke: (request) => (instances[next++ % instances.length] ?? first).invoke(request),
    close: async () => {
      await Promise.all(instances.map((i) => i.close()));
    },
  };
}
