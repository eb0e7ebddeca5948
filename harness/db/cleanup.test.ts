import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeEntryArgs } from "../process/node-entry";
import { descendantsOf, isAlive, type ProcessInfo } from "../process/process-tree";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { freePort } from "./free-port";

/**
 * Nothing outlives a harness process, however it ends: the PostgreSQL it started (a supervisor child
 * process and the postgres server under it) and its data directory go too.
 */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-(child.pid ?? 0), "SIGKILL");
    } catch {
      // gone already
    }
  }
});

/** Starts `args` in a process group of its own (as a terminal would) and resolves once `ready` is printed. */
async function startHarness(args: string[], ready: RegExp): Promise<{ child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: PROJECT_ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never printed ${ready}: ${output}`)), 60_000);
    const hear = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", hear);
    child.stderr?.on("data", hear);
    void exited.then(() => reject(new Error(`exited before it printed ${ready}: ${output}`)));
  });
  return { child, exited, output: () => output };
}

/** The PostgreSQL processes a harness started, and the data directory its server runs in. */
function postgresOf(harnessPid: number): { processes: ProcessInfo[]; dataDir: string } {
  const processes = descendantsOf(harnessPid).filter((p) => p.argv.some((a) => a.includes("postgres")));
  const server = processes.find((p) => p.argv.includes("-D"));
  const dataDir = server?.argv[server.argv.indexOf("-D") + 1];
  if (!dataDir) throw new Error(`no postgres server below pid ${harnessPid}`);
  return { processes, dataDir };
}

async function goneWithin(ms: number, what: { processes: ProcessInfo[]; dataDir: string }): Promise<string[]> {
  const leftover = () => [...what.processes.filter((p) => isAlive(p.pid)).map((p) => `pid ${p.pid} (${p.argv.slice(0, 3).join(" ")})`), ...(existsSync(what.dataDir) ? [what.dataDir] : [])];
  for (const end = Date.now() + ms; Date.now() < end && leftover().length > 0; ) await new Promise((r) => setTimeout(r, 100));
  return leftover();
}

describe("cleanup after a harness process ends", () => {
  it("SIGKILL: the supervisor stops PostgreSQL and removes its directory on its own", async () => {
    const script = `const { startEmbeddedServer } = await import("./harness/db/embedded-server.ts"); await startEmbeddedServer(); console.log("server up"); setInterval(() => {}, 1000);`;
    const harness = await startHarness(["--input-type=module", "-e", script], /server up/);
    const postgres = postgresOf(harness.child.pid ?? -1);
    expect(postgres.processes.length).toBeGreaterThanOrEqual(2);
    harness.child.kill("SIGKILL");
    expect(await goneWithin(15_000, postgres)).toEqual([]);
  });

  it("a harness gone while its supervisor is still loading: the supervisor starts nothing and exits", async () => {
    // Seen when vitest's --bail stopped a test file just as it asked for a server: the channel closed
    // before the supervisor's disconnect handler existed, and the server it then started ran on for good.
    // Its own temp directory (readable by the postgres user) shows whether a data directory was made.
    const tmp = mkdtempSync(join(tmpdir(), "cronstorm-supervisor-race-"));
    chmodSync(tmp, 0o755);
    const options = { port: await freePort(), user: "postgres", password: "unused", maxConnections: 10 };
    const supervisor = spawn(process.execPath, nodeEntryArgs(new URL("./postgres-supervisor/entry.ts", import.meta.url)), {
      env: { ...process.env, TMPDIR: tmp, CRONSTORM_SUPERVISOR_OPTIONS: JSON.stringify(options) },
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    started.push(supervisor);
    let stderr = "";
    supervisor.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => supervisor.once("exit", (code) => resolve(code)));
    supervisor.disconnect();
    try {
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running after 30 s"), 30_000))])).toBe(0);
      // The race really happened: the supervisor saw the closed channel before it started anything.
      expect(stderr).toContain("the harness was gone before the PostgreSQL supervisor started");
      expect(readdirSync(tmp).filter((name) => name.startsWith("cronstorm-pg-"))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("Ctrl-C during npm run chaos: it exits 130 and leaves nothing", async () => {
    const harness = await startHarness(["bin/cronstorm.js", "run", "--only", "burst-50"], /scenarios on embedded PostgreSQL/);
    const postgres = postgresOf(harness.child.pid ?? -1);
    process.kill(-(harness.child.pid ?? 0), "SIGINT"); // the whole foreground group, as a terminal sends it
    expect(await harness.exited, harness.output()).toBe(130);
    expect(await goneWithin(15_000, postgres)).toEqual([]);
  });
});
