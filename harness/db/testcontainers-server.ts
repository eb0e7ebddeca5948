import { type PgServer, withDatabase } from "./server";

/** What the harness asks of the container, apart from Docker: the part that can be checked anywhere. */
export interface TestcontainersConfig {
  image: string;
  database: string;
  username: string;
  password: string;
  command: string[];
}

/** The container the harness starts: CRONSTORM_PG_IMAGE (default postgres:16-alpine), as fast and roomy as the embedded server. */
export function testcontainersConfig(env: NodeJS.ProcessEnv = process.env): TestcontainersConfig {
  return {
    image: env.CRONSTORM_PG_IMAGE?.trim() || "postgres:16-alpine",
    database: "postgres",
    username: "postgres",
    password: "cronstorm",
    command: ["postgres", "-c", "max_connections=300", "-c", "fsync=off"],
  };
}

/** PostgreSQL in Docker via @testcontainers/postgresql (CRONSTORM_DB=testcontainers). Needs a Docker engine. */
export async function startTestcontainersServer(config: TestcontainersConfig = testcontainersConfig()): Promise<PgServer> {
  const { PostgreSqlContainer } = await importOptional(() => import("@testcontainers/postgresql"));
  let container;
  try {
    container = await new PostgreSqlContainer(config.image)
      .withDatabase(config.database)
      .withUsername(config.username)
      .withPassword(config.password)
      .withCommand(config.command)
      .start();
  } catch (error) {
    throw new Error(
      `cronstorm: CRONSTORM_DB=testcontainers needs a running Docker engine (${(error as Error).message.split("\n")[0]}). ` +
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
    const { getContainerRuntimeClient } = await importOptional(() => import("testcontainers"));
    await getContainerRuntimeClient();
    return { available: true };
  } catch (error) {
    return { available: false, reason: (error as Error).message.split("\n")[0] ?? "unknown" };
  }
}

/** testcontainers is an optional peer of the package: only CRONSTORM_DB=testcontainers needs it, and then it says how to get it. */
async function importOptional<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new Error("cronstorm: CRONSTORM_DB=testcontainers needs the optional packages testcontainers and @testcontainers/postgresql: `npm i -D testcontainers @testcontainers/postgresql`. Nothing was started.", { cause: error });
  }
}
