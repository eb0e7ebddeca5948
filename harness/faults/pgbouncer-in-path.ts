import type { Nemesis } from "./catalog-world";

/** PgBouncer in transaction mode between the app and the database (the spec sets viaPgBouncer). */
export function transactionPooler(): Nemesis {
  return {
    name: "transaction-pooler",
    models: "PgBouncer in transaction mode, Supabase's pooler on 6543 or a Neon -pooler host in front of the database",
    async start() {},
    async heal() {},
    async evidence(world) {
      if (!world.pgbouncer) return { fired: false, detail: "the app did not connect through PgBouncer" };
      const stats = await world.pgbouncer.stats(world.databaseName);
      return {
        fired: stats.transactions > 0,
        detail: `PgBouncer carried ${stats.transactions} transactions for the app over ${stats.serverConnections} server connection(s)`,
      };
    },
  };
}
