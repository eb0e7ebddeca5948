import { type PgServer, withDatabase } from "./server";

/** PostgreSQL in Docker via @testcontainers/postgresql (CRONSTORM_DB=testcontainers). Needs a Docker engine. */
export async function startTestcontainersServer(image = process.env.CRONSTORM_PG_IMAGE || "postgres:16-alpine"): Promise<PgServer> {
  const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
  let container;
  try {
    container = await new PostgreSqlContainer(image)
      .withDatabase("postgres")
      .withUsername("postgres")
      .withPassword("cronstorm")
      .withCommand(["postgres", "-c", "max_connections=300", "-c", "fsync=off"])
      .start();
  } catch (error) {
    throw new Error(
      `cronstorm: CRONSTORM_DB=testcontainers needs a running Docker engine (${(error as Error).message}). ` +
        `Start Docker, or unset CRONSTORM_DB to use embedded PostgreSQL.`,
      { cause: error },
    );
  }
  const base = container.getConnectionUri();
  return {
    kind: "testcontainers",
    url: (database = "postgres") => withDatabase(base, database),
    stop: async () => void (await container.stop()),
  };
}

/** True when a Docker engine answers; the reason when it does not, for a skip message. */
export async function dockerAvailability(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error) {
    return { available: false, reason: (error as Error).message.split("\n")[0] ?? "unknown" };
  }
}
