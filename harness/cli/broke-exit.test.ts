import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { useRunTempDir } from "../vitest/run-temp-dir";

/**
 * Exit 3 is "no verdict was reached", never a verdict: a route that lets an error escape its promise (a
 * throw in a timer) ends the shared-mode run with 3, the message on stderr even while scenario output is
 * captured, and the database cleaned up first.
 */
const scratch = useRunTempDir("cronstorm-broke-");

describe("an error that escapes the run", () => {
  it("exits 3 naming it, after cleaning up", { timeout: 90_000 }, async () => {
    writeFileSync(join(scratch.dir, "route.ts"), `export async function GET(): Promise<Response> {\n  setTimeout(() => { throw new Error("planted escape"); }, 0);\n  return Response.json({ success: true });\n}\n`);
    writeFileSync(join(scratch.dir, "cronstorm.config.ts"), `export default { name: "escapes", module: "./route.ts", lockKey: 63063063063n, cronSecretEnv: "CRON_SECRET" };\n`);
    const run = await runCommand(process.execPath, [join(PROJECT_ROOT, "bin", "cronstorm.js"), "run", "--target", scratch.dir, "--only", "burst-2"], { cwd: scratch.dir, env: { CI: "", TMPDIR: scratch.tmp }, timeoutMs: 80_000 });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stderr).toMatch(/cronstorm broke: an error escaped and no verdict was reached[\s\S]*planted escape/);
    expect(run.stdout).not.toContain("VERDICT");
    expect(scratch.postgresDirsLeft()).toEqual([]);
  });
});
