import { startEmbeddedServer } from "./embedded-server";
import { connectExternalServer } from "./external-server";
import { PG_SERVER_KINDS, type PgServer, type PgServerKind } from "./server";
import { startTestcontainersServer } from "./testcontainers-server";

/**
 * CRONSTORM_DB picks the server: `embedded` (default), `url` (DATABASE_URL) or `testcontainers`.
 * With DATABASE_URL set and CRONSTORM_DB unset, the user's server is used.
 */
export function selectedServerKind(env: NodeJS.ProcessEnv = process.env): PgServerKind {
  const chosen = env.CRONSTORM_DB?.trim();
  if (!chosen) return env.DATABASE_URL ? "url" : "embedded";
  if (!(PG_SERVER_KINDS as readonly string[]).includes(chosen)) {
    throw new Error(`cronstorm: CRONSTORM_DB must be one of ${PG_SERVER_KINDS.join(", ")}; got "${chosen}"`);
  }
  if (chosen === "url" && !env.DATABASE_URL) {
    throw new Error("cronstorm: CRONSTORM_DB=url needs DATABASE_URL=postgres://user:password@host:port/database");
  }
  return chosen as PgServerKind;
}

export async function startServer(kind: PgServerKind = selectedServerKind()): Promise<PgServer> {
  switch (kind) {
    case "embedded":
      return startEmbeddedServer();
    case "url":
      return connectExternalServer(process.env.DATABASE_URL ?? "");
    case "testcontainers":
      return startTestcontainersServer();
  }
}
