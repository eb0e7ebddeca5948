import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnDirectoryReaper } from "../process/reaper";
import { runCommand } from "../process/run-command";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { removeTheLock, writeScratchApp } from "./scratch-app";

/**
 * cronstorm as a user gets it: `npm pack` this repository, install the tarball into a scratch Next.js-style
 * app outside it (its own package.json, tsconfig `@/*` paths, a route importing `@/lib/db`), then
 * `npx cronstorm init` and `npx cronstorm run`, and the same verdicts from the app's own `vitest run`.
 * Nothing from this repository but the tarball reaches the app.
 */
const STEP_MS = 120_000;
// The app's runs see none of this repository's harness settings.
const clean = { CRONSTORM_DB: undefined, CRONSTORM_SEED: undefined, CRONSTORM_TIME_SCALE: undefined, CRONSTORM_KEEP_DB: undefined, DATABASE_URL: undefined, CI: undefined, VITEST: undefined, NODE_OPTIONS: undefined, TSX_TSCONFIG_PATH: undefined, NO_COLOR: "1", FORCE_COLOR: undefined };
// The app's runs keep their temp files (PostgreSQL's data, --json files) in a directory of the test's own.
const inApp = (command: string, args: string[], env: Record<string, string | undefined> = {}) => runCommand(command, args, { cwd: app, env: { ...clean, TMPDIR: tmp, ...env }, timeoutMs: STEP_MS });
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

let root: string;
let app: string;
let locked: string;
let tmp: string;
let disarmReaper: (() => void) | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cronstorm-package-e2e-"));
  // mkdtemp makes it 0700; as root, embedded PostgreSQL runs as the postgres user, who must reach node_modules.
  await chmod(root, 0o755);
  // A worker killed mid-test (a SIGTERM to vitest) never runs afterAll: the reaper stops what still runs there and removes it.
  disarmReaper = spawnDirectoryReaper(process.pid, root);
  const packed = await runCommand("npm", ["pack", "--pack-destination", root], { cwd: PROJECT_ROOT, timeoutMs: STEP_MS });
  expect(packed.code, output(packed)).toBe(0);
  const tarball = (await readdir(root)).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball:\n${output(packed)}`);
  app = join(root, "app");
  tmp = join(root, "tmp");
  await mkdir(tmp, { mode: 0o755 });
  writeScratchApp(app, join(root, tarball));
  // Served from the npm cache this repository's install filled (the registry only for what it lacks).
  const installed = await inApp("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"]);
  expect(installed.code, output(installed)).toBe(0);
}, 3 * STEP_MS);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  // Only once the directory is gone: if removing it failed, the reaper still stands.
  disarmReaper?.();
});

describe("the packed cronstorm in an app of its own", { timeout: STEP_MS * 2 }, () => {
  it("init writes a config from what it reads through the @/ alias, and refuses to overwrite it", async () => {
    const init = await inApp("npx", ["cronstorm", "init"]);
    expect(init.code, output(init)).toBe(0);
    locked = readFileSync(join(app, "cronstorm.config.ts"), "utf8");
    expect(locked).toContain('import { defineTarget } from "cronstorm"');
    expect(locked).toContain('module: "./app/api/cron/jobs/route.ts"');
    expect(locked).toMatch(/lockKey: 63063063063n/);
    expect(locked).toContain('databaseUrlEnv: "DATABASE_URL"');
    expect(locked).toMatch(/read from lib\/db\.ts/);
    const again = await inApp("npx", ["cronstorm", "init"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("never overwrites");
  });

  it("run: every scenario passes on the app with its lock", async () => {
    const run = await inApp("npx", ["cronstorm", "run"]);
    expect(run.code, output(run)).toBe(0);
    expect(run.stdout).toContain("VERDICT: PASS");
    expect(run.stdout).toMatch(/14 scenarios on embedded PostgreSQL/);
    expect(run.stdout).not.toMatch(/✗|unavailable/);
    // The app's pool has no 'error' listener: ending its idle sessions at the reset throws in it, which
    // the run rides out, saying so, instead of dying before its verdicts.
    expect(run.stderr).toContain("no pool.on('error') listener");
  });

  it("its own vitest run carries the same verdicts through cronstorm/vitest", async () => {
    const scenarios = "burst-10,exception-before-first-job,auth-wrong";
    const vitest = await inApp("npx", ["vitest", "run", "cron.test.ts"], { SCRATCH_SCENARIOS: scenarios });
    expect(vitest.code, output(vitest)).toBe(0);
    expect(output(vitest)).toMatch(/Tests\s+3 passed \(3\)/);
  });

  it("run and vitest both fail on the same app with its lock removed, naming the invariant", async () => {
    removeTheLock(app);
    const run = await inApp("npx", ["cronstorm", "run", "--only", "burst-10"]);
    expect(run.code, output(run)).toBe(1);
    expect(run.stdout).toMatch(/burst-10\s+exactly one run proceeds\s+FAIL/);
    expect(run.stderr).toContain("rerun burst-10: npx cronstorm run --seed");
    const vitest = await inApp("npx", ["vitest", "run", "cron.test.ts"], { SCRATCH_SCENARIOS: "burst-10" });
    expect(vitest.code, output(vitest)).toBe(1);
    expect(output(vitest)).toMatch(/cronstorm: scenario "burst-10" FAIL/);
    expect(output(vitest)).toMatch(/✗ exactly one run proceeds \[fail\]/);
  });

  it("leaves nothing behind: no PostgreSQL data directory or temp file of its runs", async () => {
    const left = await readdir(tmp);
    // The runs did keep their temp files here: tsx's transform cache (a cache, meant to stay) proves it.
    expect(left.some((name) => name.startsWith("tsx-"))).toBe(true);
    expect(left.filter((name) => name.startsWith("cronstorm"))).toEqual([]);
    expect(existsSync(join(app, ".cronstorm"))).toBe(false);
  });
});
