import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import { parseChaosArgs } from "../cli/args";
import { resolveTargetRun } from "../cli/target-run";
import { closeDigestPool } from "../fixtures/digest-app/lib/db";
import { closeSrcPools } from "./instances/shared-instance";
import { srcJobs } from "./adapters";
import { readHttpAppEnv } from "./http-env";
import { testRunServerEnv } from "../vitest/test-run-server";
import { loadTarget } from "./load-target";
import type { HttpTarget } from "./target";
import { appDatabaseSource } from "./target-session";
import { TargetConfigError, validateTarget } from "./validate-target";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HERE = fileURLToPath(new URL("./", import.meta.url));
const valid = { name: "app", module: "./adapters.ts", lockKey: 42n, cronSecretEnv: "CRON_SECRET" };
const problemsOf = (config: unknown) => {
  try {
    validateTarget(config, "cronstorm.config.ts", HERE);
  } catch (error) {
    expect(error).toBeInstanceOf(TargetConfigError);
    return (error as Error).message;
  }
  throw new Error("the config was accepted");
};

describe("target config validation", () => {
  it("fills in the defaults: src/'s env names and jobs tables, a bigint key, an absolute module path", () => {
    const target = validateTarget({ ...valid, lockKey: "63063063063" }, "cronstorm.config.ts", HERE);
    expect(target).toMatchObject({ kind: "module", module: join(HERE, "adapters.ts"), lockKey: { form: "bigint", key: 63063063063n }, builtIn: false });
    expect(target.env).toEqual({ cronSecret: "CRON_SECRET", databaseUrl: "DATABASE_URL", openaiBaseUrl: "OPENAI_BASE_URL" });
    expect(target.jobs).toBe(srcJobs);
  });

  it.each([
    ["two int4 keys", [7, -42], { form: "int4-pair", key1: 7, key2: -42 }],
    ["a name the server hashes", { hashtext: "cron:jobs" }, { form: "hashtext", name: "cron:jobs" }],
    ["a negative bigint", -5n, { form: "bigint", key: -5n }],
  ])("accepts a lock key as %s", (_, lockKey, parsed) => {
    expect(validateTarget({ ...valid, lockKey }, "c", HERE).lockKey).toEqual(parsed);
  });

  it("accepts a URL instead of a module", () => {
    const target = validateTarget({ ...valid, module: undefined, url: "http://127.0.0.1:3000/api/cron/x" }, "c", HERE);
    expect(target).toMatchObject({ kind: "http", url: "http://127.0.0.1:3000/api/cron/x" });
  });

  it.each([
    ["a non-object", 7, "must default-export defineTarget"],
    ["a misspelt field", { ...valid, lockkey: 1n }, "lockkey: is not a target field; accepted: name, module, url, lockKey"],
    ["no name", { ...valid, name: " " }, 'name: a non-empty name for reports; got " "'],
    ["both module and url", { ...valid, url: "http://x" }, "module/url: set exactly one"],
    ["neither module nor url", { ...valid, module: undefined }, "module/url: set exactly one"],
    ["a module that does not exist", { ...valid, module: "./nope.ts" }, "module: no such file"],
    ["a module that is not a script", { ...valid, module: "./README.md" }, 'module: must be a path to a .ts, .mts, .js, .mjs file; got "./README.md"'],
    ["a url that is not http", { ...valid, module: undefined, url: "ftp://x" }, 'url: must be an http:// or https:// URL'],
    ["a number as lock key", { ...valid, lockKey: 63063063063 }, "lockKey: must be a bigint like 63063063063n or a string of digits (not a number)"],
    ["a lock key beyond 64 bits", { ...valid, lockKey: 2n ** 63n }, "from -9223372036854775808 to 9223372036854775807; got 9223372036854775808n"],
    ["a lock key that is not digits", { ...valid, lockKey: "63e9" }, 'lockKey: must be a bigint'],
    ["one int4 key alone", { ...valid, lockKey: [7] }, 'a pair of int4 like [7, 42], or { hashtext: "cron:jobs" }; a bigint from'],
    ["an int4 pair beyond 32 bits", { ...valid, lockKey: [2 ** 31, 0] }, "got [2147483648,0]"],
    ["an int4 pair with a fraction", { ...valid, lockKey: [1.5, 2] }, "lockKey: must be a bigint"],
    ["an empty hashtext name", { ...valid, lockKey: { hashtext: "" } }, 'got {"hashtext":""}'],
    ["hashtext beside another field", { ...valid, lockKey: { hashtext: "a", key: 1 } }, "lockKey: must be a bigint"],
    ["no cron secret env", { ...valid, cronSecretEnv: undefined }, "cronSecretEnv: must name an env var (letters, digits, underscore), e.g. CRON_SECRET; got nothing"],
    ["an env name with a space", { ...valid, databaseUrlEnv: "DB URL" }, 'databaseUrlEnv: must name an env var'],
    ["appEnv that is not a function", { ...valid, appEnv: {} }, "appEnv: must be a function; got {}"],
    ["resetModuleState on an HTTP target", { ...valid, module: undefined, url: "http://x", resetModuleState: async () => {} }, "resetModuleState: applies to module targets only"],
    ["jobs without its functions", { ...valid, jobs: { migrate: async () => {} } }, "jobs.seed: must be a function; got nothing"],
    ["an unknown jobs field", { ...valid, jobs: { ...srcJobs, reset: 1 } }, "jobs.reset: is not a jobs field; accepted: migrate, seed, readJobs, readAttempts, readRuns, faultSites, poison"],
    ["an unknown fault site", { ...valid, jobs: { ...srcJobs, faultSites: { commit: { table: "t", event: "update" } } } }, "jobs.faultSites.commit: is not a fault site; accepted: claim, job-success-update, run-summary"],
    ["a fault site table that is not a name", { ...valid, jobs: { ...srcJobs, faultSites: { claim: { table: "t; drop", event: "update" } } } }, "jobs.faultSites.claim.table: must be a table name"],
    ["a fault site event", { ...valid, jobs: { ...srcJobs, faultSites: { claim: { table: "t", event: "delete" } } } }, 'jobs.faultSites.claim.event: must be "insert" or "update"; got "delete"'],
    ["poison without heal", { ...valid, jobs: { ...srcJobs, poison: { error: "x" } } }, "jobs.poison.heal: must be a function"],
    ["a known break that is no catalog entry", { ...valid, knownBreaks: { "kill-holdr": { why: "x", caughtBy: ["nothing-lost"] } } }, "knownBreaks.kill-holdr: is not a catalog entry; accepted: kill-holder, pause-holder"],
    ["a known break without its reason", { ...valid, knownBreaks: { "kill-holder": { why: " ", caughtBy: ["nothing-lost"] } } }, 'knownBreaks.kill-holder.why: must say why the app does not survive it (a non-empty string); got " "'],
    ["a known break given as a bare reason", { ...valid, knownBreaks: { "kill-holder": "no lease" } }, 'knownBreaks.kill-holder: must be { why: "why the app does not survive it", caughtBy: ["<check>", …] }; got "no lease"'],
    ["a known break caught by no check", { ...valid, knownBreaks: { "kill-holder": { why: "x", caughtBy: [] } } }, "knownBreaks.kill-holder.caughtBy: must list the checks that catch it, from the entry's: mutual-exclusion, job-exclusivity"],
    ["a known break caught by a check the entry does not run", { ...valid, knownBreaks: { "kill-holder": { why: "x", caughtBy: ["exactly-one-proceeds"] } } }, 'knownBreaks.kill-holder.caughtBy: "exactly-one-proceeds" is not one of the entry\'s checks'],
    ["a known break of an entry every session lock breaks", { ...valid, knownBreaks: { "pgbouncer-session-lock": { why: "x", caughtBy: ["mutual-exclusion"] } } }, "knownBreaks.pgbouncer-session-lock: pgbouncer-session-lock is expected to break already"],
    ["known breaks as a list", { ...valid, knownBreaks: ["kill-holder"] }, "knownBreaks: must be an object"],
    ["a known survival of an entry every lock survives", { ...valid, knownSurvives: { "kill-holder": "x" } }, "knownSurvives.kill-holder: every correct lock survives kill-holder already"],
    ["a known break of an entry only src/ can run", { ...valid, resetModuleState: async () => {}, knownBreaks: { "pool-size-1-src": { why: "x", caughtBy: ["mutual-exclusion"] } } }, "knownBreaks.pool-size-1-src: this entry cannot run on this target"],
  ])("rejects %s, naming the field and what it accepts", (_, config, message) => {
    expect(problemsOf(config)).toContain(message);
  });

  it("closes src/'s pools by default only for a module under src/; another app's reset is its own", () => {
    const srcRoute = join(ROOT, "src/app/api/cron/background-jobs/route.ts");
    expect(validateTarget({ ...valid, module: srcRoute }, "c", HERE)).toMatchObject({ resetModuleState: closeSrcPools });
    expect(validateTarget(valid, "c", HERE)).toMatchObject({ kind: "module", resetModuleState: undefined });
    const own = async () => {};
    expect(validateTarget({ ...valid, resetModuleState: own }, "c", HERE)).toMatchObject({ resetModuleState: own });
  });

  it("reports every problem at once and says nothing was started", () => {
    const message = problemsOf({ name: "", lockKey: 1.5, cronSecretEnv: "A B" });
    for (const field of ["name:", "module/url:", "lockKey:", "cronSecretEnv:"]) expect(message).toContain(`  - ${field}`);
    expect(message).toMatch(/Nothing was started\.$/);
  });
});

describe("loading a target", () => {
  it("finds cronstorm.config.ts in a directory and resolves its module next to it", async () => {
    const target = await loadTarget("harness/fixtures/digest-app", ROOT);
    expect(target).toMatchObject({ kind: "module", name: "digest fixture", lockKey: { form: "bigint", key: 71071071071n } });
    expect(target.env.cronSecret).toBe("DIGEST_CRON_SECRET");
    expect(target).toMatchObject({ resetModuleState: closeDigestPool });
  });

  it("takes a URL as src/'s route served elsewhere", async () => {
    const target = await loadTarget("http://127.0.0.1:3000/api/cron/background-jobs", ROOT);
    expect(target).toMatchObject({ kind: "http", lockKey: { form: "bigint", key: 63063063063n }, jobs: srcJobs });
  });

  it("names a missing file and what --target accepts", async () => {
    await expect(loadTarget("nowhere/cronstorm.config.ts", ROOT)).rejects.toThrow("pass a cronstorm.config.ts, a directory holding one, or the http(s) URL");
  });
});

describe("an HTTP target's app env", () => {
  const target = validateTarget({ name: "app", url: "http://127.0.0.1:3000/api/cron/x", lockKey: 1n, cronSecretEnv: "APP_SECRET", databaseUrlEnv: "APP_DB" }, "c", HERE) as HttpTarget;
  const env = { APP_DB: "postgres://u:p@db.internal:5432/cronstorm_app", APP_SECRET: "s", OPENAI_BASE_URL: "http://127.0.0.1:4010/v1" };

  it("reads the app's variables by the names the target declares", () => {
    expect(readHttpAppEnv(target, env)).toMatchObject({ databaseName: "cronstorm_app", cronSecret: "s", bridge: { host: "127.0.0.1", port: 4010 }, server: "url" });
  });

  it.each([
    ["a database the harness may not drop", { APP_DB: "postgres://u:p@h:5432/production" }, 'APP_DB names database "production": the harness drops and re-creates it'],
    ["no cron secret", { APP_SECRET: "" }, "APP_SECRET (the target's cronSecretEnv) must be set"],
    ["an OpenAI base URL off this machine", { OPENAI_BASE_URL: "https://api.openai.com/v1" }, "OPENAI_BASE_URL (the target's openaiBaseUrlEnv) must be a loopback http URL with a port"],
    ["embedded PostgreSQL on a URL it cannot serve", { CRONSTORM_DB: "embedded" }, "APP_DB with CRONSTORM_DB=embedded must be postgres://postgres:cronstorm@127.0.0.1:<port>/cronstorm_<name>"],
    ["a database kind the app cannot reach", { CRONSTORM_DB: "testcontainers" }, "CRONSTORM_DB=testcontainers: an HTTP target's app reaches the database at its own APP_DB"],
  ])("rejects %s, naming the variable", (_, override, message) => {
    expect(() => readHttpAppEnv(target, { ...env, ...override })).toThrow(message);
  });

  it("names the app's variable and the embedded server as the way out when its server cannot be used", () => {
    expect(appDatabaseSource(target)).toEqual({ variable: "APP_DB", remedy: expect.stringContaining("set CRONSTORM_DB=embedded") as string });
  });
});

describe("npm run chaos --target", () => {
  // Made in beforeAll, not at collection: `vitest list` collects without running hooks, and would leave it.
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), "cronstorm-target-test-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads --target and --mode, and rejects a bad mode", () => {
    expect(parseChaosArgs(["--target", "x/cronstorm.config.ts", "--mode", "isolated"])).toMatchObject({ target: "x/cronstorm.config.ts", mode: "isolated" });
    expect(() => parseChaosArgs(["--mode", "fluid"])).toThrow('--mode takes shared or isolated, got "fluid"');
    expect(() => parseChaosArgs(["--catalog", "--mode", "shared"])).toThrow("--mode applies to the scenario suite");
  });

  it("refuses --keep-db for an HTTP target: its one database is re-created every scenario", async () => {
    const http = (argv: string[], env: NodeJS.ProcessEnv = {}) => resolveTargetRun(parseChaosArgs(["--target", "http://127.0.0.1:1/api/cron/x", ...argv]), env);
    await expect(http(["--keep-db"])).rejects.toThrow("cronstorm: --keep-db applies to module targets; an HTTP target's app has one database");
    await expect(http([], { CRONSTORM_KEEP_DB: "1" })).rejects.toThrow("CRONSTORM_KEEP_DB=1 applies to module targets");
    await expect(http(["--list"])).resolves.toMatchObject({ mode: "http" });
  });

  it("runs a module with no resetModuleState in shared mode on one fixed database, which --keep-db cannot keep", async () => {
    const config = join(dir, "no-reset.config.mjs");
    const route = join(ROOT, "harness/fixtures/digest-app/app/api/cron/digest/route.ts");
    writeFileSync(config, `export default { name: "no reset", module: ${JSON.stringify(route)}, lockKey: "71071071071", cronSecretEnv: "S" };\n`);
    const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => resolveTargetRun(parseChaosArgs(["--target", config, ...argv]), env);
    await expect(run([])).resolves.toMatchObject({ mode: "shared" });
    await expect(run(["--keep-db"])).rejects.toThrow(/^cronstorm: --keep-db cannot keep a failing scenario's database .*declares no resetModuleState, so its app .* keeps one database URL for the whole run.*Run --mode isolated.*or declare resetModuleState/s);
    await expect(run([], { CRONSTORM_KEEP_DB: "1" })).rejects.toThrow("cronstorm: CRONSTORM_KEEP_DB=1 cannot keep a failing scenario's database");
    await expect(run(["--mode", "isolated", "--keep-db"])).resolves.toMatchObject({ mode: "isolated" });
    await expect(run(["--catalog"])).resolves.toMatchObject({ mode: "shared" });
    await expect(resolveTargetRun(parseChaosArgs(["--target", join(ROOT, "harness/fixtures/digest-app"), "--keep-db"]), {})).resolves.toMatchObject({ mode: "shared" });
  });

  // A whole CLI process: on a loaded 2-core machine its start alone has taken most of a minute.
  it("exits 1 when nothing was judged: catalog entries that only src/ can run, on another target", { timeout: 150_000 }, async () => {
    // In a directory of its own, so the report it writes stays out of the repo's reports/.
    const cwd = mkdtempSync(join(tmpdir(), "cronstorm-catalog-test-"));
    try {
      const run = await runCommand(process.execPath, [join(ROOT, "bin/cronstorm.js"), "catalog", "--only", "pool-size-1-reference,pgbouncer-xact-lock", "--target", join(ROOT, "harness/fixtures/digest-app")], { cwd, env: testRunServerEnv(), timeoutMs: 140_000 });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain("VERDICT: nothing was judged: every entry is unavailable");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("exits 2 on a bad config, naming the field, before anything starts", { timeout: 150_000 }, async () => {
    writeFileSync(join(dir, "cronstorm.config.ts"), `export default { name: "x", url: "http://127.0.0.1:1/x", lockKey: 5, cronSecretEnv: "CRON_SECRET" };\n`);
    const run = await runCommand(process.execPath, [join(ROOT, "bin/cronstorm.js"), "run", "--target", dir], { cwd: ROOT, env: { CRONSTORM_DB: "" }, timeoutMs: 140_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lockKey: must be a bigint");
    expect(run.stdout).not.toContain("PostgreSQL");
  });
});
