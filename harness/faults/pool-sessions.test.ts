import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleLockHolders, type LockSampler } from "../db/lock-sampler";
import { History, type HistoryEvent } from "../history";
import { bigintLockKey } from "../target/lock-key";
import { useAppDatabase } from "../vitest/app-database";
import type { ChaosWorld } from "./catalog-world";
import { poolSessions } from "./pool-sessions";

const database = useAppDatabase("pool_sessions");
const KEY = 63063063063n;
let open: pg.Client[] = [];
let sampler: LockSampler | undefined;
afterEach(async () => {
  await sampler?.stop();
  sampler = undefined;
  await close(open);
});

/** What poolSessions reads of the world: the history (the lock sampler's counts) and the pool size the harness gave, if it did. */
function worldOf(history: History, { harnessSizedPool = true } = {}): ChaosWorld {
  return { history, observer: database.observer, lockKey: bigintLockKey(KEY), poolSize: harnessSizedPool ? 4 : undefined } as Partial<ChaosWorld> as ChaosWorld;
}

/** The run's lock sampler, as the catalog's driver starts it, on a history of its own. */
function sampled(): History {
  const history = new History();
  sampler = sampleLockHolders(database.observer, bigintLockKey(KEY), history);
  return history;
}

/** `count` of the app's sessions (a pool's connections, each a session of its own), open until closed. */
async function hold(count: number, applicationName = "app-pool"): Promise<pg.Client[]> {
  const clients = Array.from({ length: count }, () => new pg.Client({ connectionString: database.url, application_name: applicationName }));
  open.push(...clients);
  await Promise.all(clients.map((c) => c.connect()));
  return clients;
}

async function close(clients: pg.Client[]): Promise<void> {
  open = open.filter((c) => !clients.includes(c));
  await Promise.all(clients.map((c) => c.end()));
}

/** Until the sampler has recorded `count` pooled sessions (as src/'s pool counts them), after `after` if given. */
function sampledOpen(history: History, count: number, after = 0): Promise<HistoryEvent> {
  return history.waitFor(`${count} pooled sessions sampled`, (e) => e.type === "pg-sessions" && e.at > after && e.besideLockSession === count, 10_000);
}

const claim = (at: number) => ({ type: "job" as const, at, phase: "claim", runId: "r", jobId: `j${at}` });

/** Two claims (the trigger), the fault started, then `during` while it acts, then the heal and the evidence. */
async function runFault(fault: ReturnType<typeof poolSessions>, world: ChaosWorld, during: () => Promise<void> = async () => {}) {
  world.history.append(claim(Date.now()));
  world.history.append(claim(Date.now()));
  await fault.start(world);
  await during();
  await fault.heal(world);
  await sampler?.stop();
  return fault.evidence(world);
}

function expectFired(evidence: { fired: boolean; detail: string }, fired: boolean, detail: RegExp): void {
  expect(evidence.detail).toMatch(detail);
  expect(evidence.fired).toBe(fired);
}

describe("the pool-sessions fault's evidence", () => {
  it("is the most sessions open at once from its trigger to its heal, not those open at its trigger, where the pool had not grown yet", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const history = sampled();
    await hold(1);
    await sampledOpen(history, 1);
    const evidence = await runFault(fault, worldOf(history), async () => {
      // The pool grows for a while (queries overlapped), then its extra sessions close (idle timeout)
      // before the heal: only a count taken in between saw them.
      const extra = await hold(2);
      const grown = await sampledOpen(history, 3);
      await close(extra);
      await sampledOpen(history, 1, grown.at);
    });
    expect(history.ofType("fault").find((e) => e.phase === "start")?.detail).toBe("1 pooled sessions open");
    expectFired(evidence, true, /^at most 3 pooled session\(s\) open at once from its trigger to its heal \(expected 2–4\)/);
  });

  it("counts no session opened after its heal", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const history = sampled();
    await hold(1);
    await sampledOpen(history, 1);
    const world = worldOf(history);
    world.history.append(claim(Date.now()));
    world.history.append(claim(Date.now()));
    await fault.start(world);
    await fault.heal(world);
    await hold(2);
    await sampledOpen(history, 3);
    expectFired(await fault.evidence(world), false, /^at most 1 pooled session/);
  });

  it("has not fired when the pool had more sessions than the harness gave it; its next run starts afresh", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const clients = await hold(5);
    const first = sampled();
    await sampledOpen(first, 5);
    expectFired(await runFault(fault, worldOf(first)), false, /^at most 5 pooled session/);

    // The same nemesis serves the entry's next run (a history of its own): what the first saw is forgotten.
    await close(clients.slice(2));
    const second = sampled();
    await sampledOpen(second, 2);
    expectFired(await runFault(fault, worldOf(second)), true, /^at most 2 pooled session/);
  });

  it("leaves out src/'s named lock session, and for another app whatever session holds the key, counted in the same statement", async () => {
    const fault = poolSessions({ name: "one-shared-session", models: "test", minPoolSessions: 1, maxPoolSessions: 1 });
    await hold(1, "cron-lock:/api/cron/background-jobs");
    await hold(1);
    const ownPool = sampled();
    await sampledOpen(ownPool, 1);
    expectFired(await runFault(fault, worldOf(ownPool)), true, /^at most 1 pooled session/);

    // Another app locks on a session of its own pool: that one is its lock's, the other is pooled.
    const [holder] = await hold(2, "other-app");
    await holder!.query("select pg_advisory_lock($1::bigint)", [KEY.toString()]);
    const other = sampled();
    await other.waitFor("the holder sampled", (e) => e.type === "pg-sessions" && e.count === 4 && e.besideKeyHolders === 2, 10_000);
    const evidence = await runFault(poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 3, maxPoolSessions: 4 }), worldOf(other, { harnessSizedPool: false }));
    // cron-lock: + app-pool + other-app (2), less the key's holder: 2 of the 3 it needs.
    expectFired(evidence, false, /^at most 2 pooled session\(s\) .* \(expected at least 3\)/);
    await holder!.query("select pg_advisory_unlock($1::bigint)", [KEY.toString()]);
  });

  it("has not fired when the pool never had the sessions it models, or when its trigger never came", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    await hold(1);
    const history = sampled();
    await sampledOpen(history, 1);
    expectFired(await runFault(fault, worldOf(history)), false, /^at most 1 pooled session/);

    vi.useFakeTimers();
    try {
      const untriggered = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 1, maxPoolSessions: 4 });
      const world = worldOf(new History());
      const start = untriggered.start(world);
      const timedOut = expect(start).rejects.toThrow(/two jobs in hand/);
      await vi.runAllTimersAsync();
      await timedOut;
      await untriggered.heal(world);
      expectFired(await untriggered.evidence(world), false, /^at most no pooled session\(s\) open at once \(never triggered\)/);
    } finally {
      vi.useRealTimers();
    }
  });
});
