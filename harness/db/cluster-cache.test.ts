import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedServer } from "./embedded-server";
import { embeddedBinariesDir } from "./hydrate-binaries";
import { clusterCache } from "./postgres-supervisor/cluster-cache";
import { withPgClient } from "./with-client";

const MARKER = "cronstorm-cache-marker";

/** Starts an embedded server, and reports whether its data directory came from the cache (it holds the marker). */
async function startAndLook(): Promise<{ fromCache: boolean; answered: number }> {
  const server = await startEmbeddedServer();
  try {
    return await withPgClient(server.url(), async (client) => {
      const { rows } = await client.query<{ dir: string }>("select setting as dir from pg_settings where name = 'data_directory'");
      const answered = (await client.query<{ one: number }>("select 1 as one")).rows[0]?.one ?? 0;
      return { fromCache: existsSync(join(rows[0]?.dir ?? "", MARKER)), answered };
    });
  } finally {
    await server.stop();
  }
}

describe("the initdb'd cluster cache", () => {
  let cacheDir: string;
  const saved = process.env.CRONSTORM_PG_CACHE_DIR;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "cronstorm-pg-cache-"));
    // The supervisor inherits this process's env: its starts use this empty cache, not node_modules/.cache.
    process.env.CRONSTORM_PG_CACHE_DIR = cacheDir;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.CRONSTORM_PG_CACHE_DIR;
    else process.env.CRONSTORM_PG_CACHE_DIR = saved;
    await rm(cacheDir, { recursive: true, force: true });
  });
  const entry = () => join(cacheDir, readdirSync(cacheDir).find((name) => name.startsWith("pgdata-")) ?? "(none)");

  it("keeps the first start's fresh cluster, and a later start copies it instead of running initdb", async () => {
    const first = await startAndLook();
    expect(first).toEqual({ fromCache: false, answered: 1 });
    expect(existsSync(join(entry(), "PG_VERSION")), "the first start kept its cluster").toBe(true);
    expect(readdirSync(cacheDir).filter((name) => name.includes(".partial-"))).toEqual([]);
    // Marked, so the next start shows whether its data directory is a copy of this one.
    await writeFile(join(entry(), MARKER), "");
    expect(await startAndLook()).toEqual({ fromCache: true, answered: 1 });
  }, 60_000);

  it.runIf(process.getuid?.() === 0)("runs initdb instead when the cached cluster is not the postgres user's (node_modules copied in from elsewhere)", async () => {
    expect(existsSync(join(entry(), MARKER))).toBe(true);
    await chown(entry(), 0, 0);
    expect(await startAndLook()).toEqual({ fromCache: false, answered: 1 });
    // And it replaced the foreign one with its own, which the next start here can use.
    const { uid } = await stat(entry());
    expect(uid).not.toBe(0);
    expect(existsSync(join(entry(), MARKER))).toBe(false);
  }, 60_000);
});

describe("the cluster cache's own rules (no server: a directory with a PG_VERSION stands for a cluster)", () => {
  const settings = { user: "postgres", password: "x", initdbFlags: ["--no-sync"] };
  const asRoot = process.getuid?.() === 0;
  // Who a cluster made here belongs to: the postgres user as root, else whoever runs this.
  const owner = () => (asRoot ? Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()) : (process.getuid?.() ?? 0));
  let scratch: string;
  beforeAll(async () => void (scratch = await mkdtemp(join(tmpdir(), "cronstorm-pg-cache-rules-"))));
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  const fakeCluster = async (name: string, uid: number, marker?: string) => {
    const dir = join(scratch, name);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(join(dir, "PG_VERSION"), "18\n");
    if (marker) await writeFile(join(dir, marker), "");
    if (asRoot) for (const path of [dir, join(dir, "PG_VERSION")]) await chown(path, uid, uid);
    return dir;
  };

  it("with CRONSTORM_PG_CACHE=off keeps nothing and restores nothing", async () => {
    const env = { CRONSTORM_PG_CACHE_DIR: join(scratch, "off"), CRONSTORM_PG_CACHE: "off" };
    const cache = clusterCache(embeddedBinariesDir(), settings, env);
    await cache.save(await fakeCluster("off-made", owner()));
    expect(existsSync(cache.entry)).toBe(false);
    expect(await cache.restore(join(scratch, "off-target"))).toBe(false);
  });

  it("keeps a cluster and restores a copy of it, with its owner", async () => {
    const cache = clusterCache(embeddedBinariesDir(), settings, { CRONSTORM_PG_CACHE_DIR: join(scratch, "kept") });
    await cache.save(await fakeCluster("kept-made", owner(), "made-here"));
    const target = await fakeCluster("kept-target", owner());
    expect(await cache.restore(target)).toBe(true);
    expect(existsSync(join(target, "made-here"))).toBe(true);
    expect((await stat(target)).uid).toBe(owner());
    expect(readdirSync(join(scratch, "kept")).filter((name) => /\.(stale|partial)-/.test(name))).toEqual([]);
  });

  it("only saves time: an unwritable cache neither throws nor restores", async () => {
    await writeFile(join(scratch, "a-file"), "");
    const cache = clusterCache(embeddedBinariesDir(), settings, { CRONSTORM_PG_CACHE_DIR: join(scratch, "a-file", "cache") });
    await expect(cache.save(await fakeCluster("unwritable-made", owner()))).resolves.toBeUndefined();
    expect(await cache.restore(join(scratch, "unwritable-target"))).toBe(false);
  });

  it.runIf(asRoot)("sets a foreign cluster aside and keeps this start's instead, leaving no stale copy", async () => {
    const env = { CRONSTORM_PG_CACHE_DIR: join(scratch, "foreign") };
    const cache = clusterCache(embeddedBinariesDir(), settings, env);
    await mkdir(join(scratch, "foreign"), { recursive: true });
    await fakeCluster(join("foreign", cache.entry.split("/").at(-1) ?? ""), 0, "foreign-marker");
    const target = await fakeCluster("foreign-target", owner());
    expect(await cache.restore(target)).toBe(false);
    expect(existsSync(target), "a start that could not use the cache keeps its data directory").toBe(true);
    await cache.save(await fakeCluster("foreign-made", owner(), "made-here"));
    expect(existsSync(join(cache.entry, "made-here"))).toBe(true);
    expect(existsSync(join(cache.entry, "foreign-marker"))).toBe(false);
    expect(readdirSync(join(scratch, "foreign")).filter((name) => /\.(stale|partial)-/.test(name))).toEqual([]);
  });
});
