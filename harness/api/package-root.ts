import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The installed cronstorm package's root: from the sources (harness/api/) and from the compiled library
 * (dist/harness/api/) alike, the nearest package.json named cronstorm above this file.
 */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "cronstorm") return dir;
    if (dirname(dir) === dir) throw new Error(`cronstorm: cannot find the cronstorm package above ${from}`);
  }
}

/** The binary, run with this Node: no npx, no PATH lookup. */
export const binPath = () => join(packageRoot(), "bin", "cronstorm.js");
