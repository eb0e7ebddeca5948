import pg from "pg";
import type { Nemesis } from "./catalog-world";

/** Server slots left free for the app (and the harness's observer) when the harness holds the rest. */
const FREE_SLOTS = 4;

/**
 * More simultaneous invocations than the server has connections: the scenario runs on a server of its
 * own with a small max_connections (superusers ignore per-database limits) and delivers a tick many
 * times at once. src/ opens a lock session per invocation, so its burst alone exceeds the limit. An app
 * whose pool caps its sessions (another target, whose pool the harness does not size) might never reach
 * it, so there the harness first takes all but a few of the server's slots and holds them through the
 * fault: the burst then runs out of sessions whatever the app's pool.
 */
export function connectionExhaustion(maxConnections: number): Nemesis {
  const held: pg.Client[] = [];
  return {
    name: "connection-exhaustion",
    models: "a burst of invocations larger than max_connections: some cannot even open a session",
    async prepare(world) {
      if (world.poolSize !== undefined) return;
      for (let i = 0; i < maxConnections - FREE_SLOTS; i += 1) {
        const client = new pg.Client({ connectionString: world.databaseUrl, application_name: "cronstorm-slot-holder" });
        // Ended by heal; an error on an idle holder must not end the harness.
        client.on("error", () => {});
        await client.connect();
        held.push(client);
      }
    },
    async start() {},
    async heal() {
      await Promise.all(held.splice(0).map((c) => c.end()));
    },
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
