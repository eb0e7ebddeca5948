import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The scratch app's sources: a small phase-94c app on node-postgres, its db client behind `@/lib/db`. */
export const SCRATCH_APP_SOURCES = fileURLToPath(new URL("./scratch-app/", import.meta.url));
export const SCRATCH_ROUTE = "app/api/cron/jobs/route.ts";

/** The versions this repository resolved, so the scratch install is served from the npm cache. */
function versionOf(name: string): string {
  return (JSON.parse(readFileSync(join(fileURLToPath(new URL("../../node_modules/", import.meta.url)), name, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Writes the app into `dir` with a package.json that depends on the packed tarball and nothing else from
 * this repository. No "type": "module", as in most Next.js apps: its .ts files are CommonJS to Node.
 */
export function writeScratchApp(dir: string, tarball: string): void {
  cpSync(SCRATCH_APP_SOURCES, dir, { recursive: true });
  const manifest = {
    name: "scratch-cron-app",
    private: true,
    dependencies: { pg: versionOf("pg"), openai: versionOf("openai") },
    devDependencies: { cronstorm: `file:${tarball}`, vitest: versionOf("vitest") },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The same app with its lock removed: every invocation runs the jobs. Throws if the route no longer reads as expected. */
export function removeTheLock(dir: string): void {
  const file = join(dir, SCRATCH_ROUTE);
  const patches: Array<[string, string]> = [
    [`    const { rows } = await client.query<{ acquired: boolean }>("select pg_try_advisory_lock($1) as acquired", [LOCK_KEY]);\n    if (!rows[0]?.acquired) return Response.json({ success: true, skipped: true, reason: "locked", timestamp: new Date().toISOString() });\n`, ""],
    [`      await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]);\n`, ""],
  ];
  let text = readFileSync(file, "utf8");
  for (const [find, replace] of patches) {
    if (!text.includes(find)) throw new Error(`removeTheLock: ${SCRATCH_ROUTE} no longer contains:\n${find}`);
    text = text.replace(find, replace);
  }
  writeFileSync(file, text);
}
