import type { Nemesis } from "./catalog-world";

/**
 * More simultaneous invocations than the server has connections: the scenario runs on a server of its
 * own with a small max_connections (superusers ignore per-database limits) and delivers a tick many
 * times at once.
 */
export function connectionExhaustion(maxConnections: number): Nemesis {
  return {
    name: "connection-exhaustion",
    models: "a burst of invocations larger than max_connections: some cannot even open a session",
    async start() {},
    async heal() {},
    async evidence(world) {
      const { rows } = await world.observer.query<{ max: string }>("select current_setting('max_connections') as max");
      const refused = world.history.all().filter((e) => e.type === "fail" && e.status === 500).length;
      return {
        fired: refused > 0 && Number(rows[0]?.max) === maxConnections,
        detail: `${refused} invocation(s) answered 500: the server (max_connections ${rows[0]?.max}) refused their sessions`,
      };
    },
  };
}
