import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

export interface RunTempDir {
  /** The test's own directory (for a config, a route). */
  readonly dir: string;
  /** The TMPDIR to give the cronstorm run under test, to see what it leaves there. */
  readonly tmp: string;
  /** The run's PostgreSQL data directories still in `tmp`: none once it has cleaned up. */
  postgresDirsLeft(): string[];
}

/**
 * For a test that runs the cronstorm binary and checks what it leaves behind: a directory of its own
 * with a TMPDIR inside, both traversable by the postgres user (embedded PostgreSQL runs as that user
 * under root). Made in beforeAll, not at collection (`vitest list` runs no hooks); removed in afterAll.
 */
export function useRunTempDir(prefix: string): RunTempDir {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(dir, "tmp"), { mode: 0o755 });
    chmodSync(dir, 0o755);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const made = () => {
    if (!dir) throw new Error("useRunTempDir: only available inside a test");
    return dir;
  };
  return {
    get dir() {
      return made();
    },
    get tmp() {
      return join(made(), "tmp");
    },
    postgresDirsLeft: () => readdirSync(join(made(), "tmp")).filter((name) => name.startsWith("cronstorm-pg-")),
  };
}
