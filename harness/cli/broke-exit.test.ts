import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import { PROJECT_ROOT } from "../vitest/planted-test";

/**
 * Exit 3 is "no verdict was reached", never a verdict: a route that lets an error escape its promise (a
 * throw in a timer) ends the shared-mode run with 3, the message on stderr even while scenario output is
 * captured, and the database cleaned up first.
 */
let dir: string;
let tmp: string;
// Made in beforeAll, not at collection (`vitest list` runs no hooks): its own temp directory, traversable
// by the postgres user, to see what the run leaves there.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cronstorm-broke-"));
  tmp = join(dir, "tmp");
  mkdirSync(tmp, { mode: 0o755 });
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an error that escapes the run", () => {
  it("exits 3 naming it, after cleaning up", { timeout: 90_000 }, async () => {
    writeFileSync(join(dir, "route.ts"), `export async function GET(): Promise<Response> {\n  setTimeout(() => { throw new Error("planted escape"); }, 0);\n  return Response.json({ success: true });\n}\n`);
    writeFileSync(join(dir, "cronstorm.config.ts"), `export default { name: "escapes", module: "./route.ts", lockKey: 63063063063n, cronSecretEnv: "CRON_SECRET" };\n`);
    const run = await runCommand(process.execPath, [join(PROJECT_ROOT, "bin", "cronstorm.js"), "run", "--target", dir, "--only", "burst-2"], { cwd: dir, env: { CI: "", TMPDIR: tmp }, timeoutMs: 80_000 });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stderr).toMatch(/cronstorm broke: an error escaped and no verdict was reached[\s\S]*planted escape/);
    expect(run.stdout).not.toContain("VERDICT");
    expect(readdirSync(tmp).filter((name) => name.startsWith("cronstorm-pg-"))).toEqual([]);
  });
});
