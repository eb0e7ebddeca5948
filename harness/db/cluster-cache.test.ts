import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedServer } from "./embedded-server";
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
