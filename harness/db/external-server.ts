import { type PgServer, withDatabase } from "./server";
import { withPgClient } from "./with-client";

/**
 * How errors name the URL's source: the harness's own DATABASE_URL by default; an HTTP target's is the
 * env var its app reads (`databaseUrlEnv`), with a remedy of its own.
 */
export interface ExternalServerSource {
  variable: string;
  remedy: string;
}

const DEFAULT_SOURCE: ExternalServerSource = {
  variable: "DATABASE_URL",
  remedy: "Unset DATABASE_URL to use embedded PostgreSQL instead.",
};

/** A server the user runs. The harness only adds and drops its own scratch databases there. */
export async function connectExternalServer(databaseUrl: string, source: ExternalServerSource = DEFAULT_SOURCE): Promise<PgServer> {
  const { variable, remedy } = source;
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new Error(`cronstorm: ${variable} is not a URL (expected postgres://user:password@host:port/database)`);
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol)) {
    throw new Error(`cronstorm: ${variable} must start with postgres:// or postgresql://, got "${parsed.protocol}//"`);
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
      `cronstorm: cannot use ${variable} (${(error as Error).message}). The harness needs a role with CREATEDB ` +
        `to make its cronstorm_* scratch databases. ${remedy}`,
      { cause: error },
    );
  }
  return {
    kind: "url",
    url: (database) => (database ? withDatabase(databaseUrl, database) : databaseUrl),
    stop: async () => {},
  };
}
