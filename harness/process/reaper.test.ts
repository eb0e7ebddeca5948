import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnDirectoryReaper, spawnReaper } from "./reaper";

const IDLE = "setInterval(() => {}, 1000)";
/** A leader that starts a worker in its own process group, as next build does; prints the worker's pid. */
const LEADER = `const w = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(IDLE)}], { stdio: "ignore" }); console.log(w.pid); ${IDLE}`;

const started: { child: ChildProcess; group: boolean }[] = [];
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (what: () => boolean, ms = 8_000) => {
  for (const end = Date.now() + ms; Date.now() < end && !what(); ) await new Promise((r) => setTimeout(r, 100));
  return what();
};
/** An owner that exits at once: the reaper acts as if the harness was SIGKILLed. */
const shortLivedOwner = () => spawn(process.execPath, ["-e", ""]).pid ?? -1;

// Whatever a failing test left running: the group (a worker may outlive its leader) or the child.
afterEach(() => {
  for (const { child, group } of started.splice(0)) {
    try {
      if (group && child.pid) process.kill(-child.pid, "SIGKILL");
      else if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    } catch {
      // gone already
    }
  }
});

describe("the reaper", () => {
  it("stops a detached server's whole process group and removes its directory when the owner dies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cronstorm-reaper-test-"));
    const leader = spawn(process.execPath, ["-e", LEADER], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
    started.push({ child: leader, group: true });
    const workerPid = await new Promise<number>((resolve) => leader.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
    spawnReaper(shortLivedOwner(), leader.pid ?? -1, dir, { group: true });

    expect(await until(() => !alive(workerPid) && !existsSync(dir))).toBe(true);
  });

  it("still stops a child in the harness's own group by its pid (embedded PostgreSQL)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cronstorm-reaper-test-"));
    const child = spawn(process.execPath, ["-e", IDLE], { stdio: "ignore" });
    started.push({ child, group: false });
    spawnReaper(shortLivedOwner(), child.pid ?? -1, dir);

    expect(await until(() => child.exitCode !== null || child.signalCode !== null)).toBe(true);
    expect(child.signalCode).toBe("SIGINT");
    expect(await until(() => !existsSync(dir))).toBe(true);
  });

  it("stops the processes still working inside a scratch directory, and only those, then removes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cronstorm-reaper-test-"));
    // A sibling whose name begins with the directory's: a prefix match would take it for inside.
    const sibling = `${dir}-sibling`;
    mkdirSync(join(dir, "app dir"));
    mkdirSync(sibling);
    const inside = spawn(process.execPath, ["-e", IDLE], { cwd: join(dir, "app dir"), stdio: "ignore" });
    const outside = spawn(process.execPath, ["-e", IDLE], { cwd: sibling, stdio: "ignore" });
    started.push({ child: inside, group: false }, { child: outside, group: false });
    try {
      spawnDirectoryReaper(shortLivedOwner(), dir);

      expect(await until(() => inside.signalCode !== null)).toBe(true);
      expect(inside.signalCode).toBe("SIGTERM");
      expect(await until(() => !existsSync(dir))).toBe(true);
      expect(outside.exitCode === null && outside.signalCode === null).toBe(true);
      expect(existsSync(sibling)).toBe(true);
    } finally {
      rmSync(sibling, { recursive: true, force: true });
    }
  });
});
