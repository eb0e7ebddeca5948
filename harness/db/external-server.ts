import { type PgServer, withDatabase } from "./server";
import { withPgClient } from "./with-client";

/** A server the user runs (DATABASE_URL). The harness only adds and drops its own scratch databases there. */
export async function connectExternalServer(databaseUrl: string): Promise<PgServer> {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new Error(`cronstorm: DATABASE_URL is not a URL (expected postgres://user:password@host:port/database)`);
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol)) {
    throw new Error(`cronstorm: DATABASE_URL must start with postgres:// or postgresql://, got "${parsed.protocol}//"`);
  }
  try {
    await withPgClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ ok: boolean }>(
        "select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user",
      );
      if (!rows[0]?.ok) throw new Error("the role cannot CREATE DATABASE");
    });
  } catch (error) {
    throw new Error(
      `cronstorm: cannot use DATABASE_URL (${(error as Error).message}). The harness needs a role with CREATEDB ` +
        `to make its cronstorm_* scratch databases. Unset DATABASE_URL to use embedded PostgreSQL instead.`,
      { cause: error },
    );
  }
  return {
    kind: "url",
    url: (database) => (database ? withDatabase(databaseUrl, database) : databaseUrl),
    stop: async () => {},
  };
}
