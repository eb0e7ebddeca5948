import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { useRunTempDir } from "../vitest/run-temp-dir";

/**
 * A run whose output goes away (`cronstorm run | head -1`, or a parent that died) must stop and clean
 * up, not spin: before this was handled, every write failed, the failure was reported by another write,
 * and the process ran at full CPU, deaf to SIGTERM, its PostgreSQL running.
 */
const scratch = useRunTempDir("cronstorm-output-closed-");

describe("a run whose output is closed", () => {
  it("stops as on SIGTERM, cleans up its PostgreSQL and exits", { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "cronstorm.js"), "run", "--only", "burst-2,burst-10,burst-50"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CI: "", TMPDIR: scratch.tmp },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    // As `| head -1` does: read the first line, then close the pipe while the run goes on.
    await once(child.stdout, "data");
    child.stdout.destroy();
    child.stderr.destroy();
    const bound = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const [code, signal] = await exited;
    clearTimeout(bound);
    expect({ code, signal }, "stopped by its own SIGTERM handling, not killed by the bound").toEqual({ code: 143, signal: null });
    expect(scratch.postgresDirsLeft()).toEqual([]);
  });
});
