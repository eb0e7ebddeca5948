import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { History } from "../history";
import type { IsolatedInstance } from "../target/instances/isolated-instance";
import { bigintLockKey } from "../target/lock-key";
import { useAppDatabase } from "../vitest/app-database";
import type { ChaosWorld } from "./catalog-world";
import { lockHolderInstance } from "./observe";

const database = useAppDatabase("observe");
const KEY = 63063063063n;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * An instance process as lockHolderInstance sees one: a child with its own PostgreSQL session, which
 * takes the lock when told to and answers with its backend pid.
 */
const INSTANCE_SCRIPT = `
const pg = require("pg");
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
client.connect().then(() => {
  process.stdin.on("data", async () => {
    const { rows } = await client.query("select pg_advisory_lock($1::bigint), pg_backend_pid() as pid", [process.env.KEY]);
    process.stdout.write("held " + rows[0].pid + "\\n");
  });
  process.stdout.write("ready\\n");
});`;

let children: ChildProcess[] = [];
let sessions: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.end().catch(() => undefined)));
  await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => (c.kill("SIGKILL"), once(c, "exit"))));
  children = [];
  sessions = [];
});

/** The next line the child writes that matches `pattern`. */
function lineFrom(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = pattern.exec(buffered);
      if (!match) return;
      child.stdout?.off("data", onData);
      resolve(match);
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`instance process exited ${code} before writing ${pattern}`)));
  });
}

async function startInstance(name: string): Promise<{ instance: IsolatedInstance; takeLock(): Promise<number> }> {
  const child = spawn(process.execPath, ["-e", INSTANCE_SCRIPT], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url, KEY: KEY.toString() }, stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  await lineFrom(child, /ready\n/);
  const instance = { mode: "isolated", name, pid: child.pid } as Partial<IsolatedInstance> as IsolatedInstance;
  return {
    instance,
    takeLock: async () => {
      const held = lineFrom(child, /held (\d+)\n/);
      child.stdin?.write("take\n");
      return Number((await held)[1]);
    },
  };
}

/** A holder session that belongs to no instance process (the test's own), holding the lock. */
async function outsideHolder(): Promise<{ session: pg.Client; pid: number }> {
  const session = new pg.Client({ connectionString: database.url });
  sessions.push(session);
  await session.connect();
  const { rows } = await session.query<{ pid: number }>("select pg_advisory_lock($1::bigint), pg_backend_pid() as pid", [KEY.toString()]);
  return { session, pid: rows[0]!.pid };
}

/**
 * What lockHolderInstance reads of the world. `beforeTrace` runs just before each lookup of a holder's
 * client port: the moment between finding the holder in pg_locks and tracing it to a process. When it
 * answers true, the next run shows work (an OpenAI call) right after the harness has next read pg_locks,
 * that is after the harness saw the old holder gone (in a real run it may come earlier too; then the
 * lookup in pg_locks finds the new holder all the same).
 */
function worldOf(history: History, instances: IsolatedInstance[], beforeTrace: (holderPid: number) => Promise<boolean>): ChaosWorld {
  const real = database.observer;
  let nextRunWorks = false;
  const observer = {
    query: async (text: string, params?: unknown[]) => {
      if (text.includes("client_port")) nextRunWorks = await beforeTrace(Number(params?.[0]));
      const result = await real.query(text, params);
      if (nextRunWorks && text.includes("pg_locks")) {
        nextRunWorks = false;
        setImmediate(() => callStarted(history));
      }
      return result;
    },
  };
  return { history, observer: observer as unknown as pg.Client, lockKey: bigintLockKey(KEY), instances } as Partial<ChaosWorld> as ChaosWorld;
}

/** A run at work, as a route that reports no claims shows it: an OpenAI call started. */
const callStarted = (history: History) => history.append({ type: "openai", at: Date.now(), phase: "start", inFlight: 1 });

describe("lockHolderInstance", () => {
  it("traces the next holder when the one it found ends its run before the trace", async () => {
    const history = new History();
    const next = await startInstance("instance-b");
    const first = await outsideHolder();
    const traced: number[] = [];
    let nextPid = 0;
    const world = worldOf(history, [next.instance], async (holderPid) => {
      traced.push(holderPid);
      if (holderPid !== first.pid) return false;
      // The race: the holder found in pg_locks ends its run (its session and lock gone) and the next run
      // takes the lock, all before the trace reads the holder's port.
      await first.session.end();
      nextPid = await next.takeLock();
      return true;
    });
    callStarted(history);

    const found = await lockHolderInstance(world);

    expect(traced, "the race was forced: the first holder was traced, then the next").toEqual([first.pid, nextPid]);
    expect(found.instance.name).toBe("instance-b");
    expect(found.pid).toBe(nextPid);
  });

  it("says the holder still holds the lock when no instance process owns its session", async () => {
    const history = new History();
    const instance = await startInstance("instance-b");
    const holder = await outsideHolder();
    callStarted(history);

    await expect(lockHolderInstance(worldOf(history, [instance.instance], async () => false))).rejects.toThrow(
      `no instance process owns the lock holder's session (backend ${holder.pid}; it still holds the lock)`,
    );
  });

  it("gives up after three holders in a row end their run before the trace", async () => {
    const history = new History();
    const instance = await startInstance("instance-b");
    let holder = await outsideHolder();
    let traces = 0;
    const world = worldOf(history, [instance.instance], async () => {
      traces += 1;
      await holder.session.end();
      holder = await outsideHolder();
      return true;
    });
    callStarted(history);

    await expect(lockHolderInstance(world)).rejects.toThrow("the last of 3 holders in a row ended its run before it was traced");
    expect(traces).toBe(3);
  });
});
