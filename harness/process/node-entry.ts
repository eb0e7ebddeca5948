import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The node arguments that run a harness entry point in a child process. From the repository the entry is
 * TypeScript and runs through tsx (resolved from here, so the child's working directory does not matter);
 * from compiled output the `.js` beside it runs on plain node.
 */
export function nodeEntryArgs(entry: URL): string[] {
  const path = fileURLToPath(entry);
  const compiled = path.replace(/\.ts$/, ".js");
  if (!existsSync(path) && existsSync(compiled)) return [compiled];
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, path];
}
