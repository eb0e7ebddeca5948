import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { History } from "../history";
import { useAppDatabase } from "../vitest/app-database";
import type { ChaosWorld } from "./catalog-world";
import { poolSessions } from "./pool-sessions";

const database = useAppDatabase("pool_sessions");
let pool: pg.Pool | undefined;
afterEach(async () => {
  await pool?.end();
  pool = undefined;
});

/** What poolSessions reads of the world: the history, the observer and the pool size the harness gave. */
function worldOf(history: History, observer: pg.Client): ChaosWorld {
  return { history, observer, poolSize: 4 } as Partial<ChaosWorld> as ChaosWorld;
}

/** The pool's sessions, held (checked out) until released. */
async function hold(count: number): Promise<pg.PoolClient[]> {
  pool ??= new pg.Pool({ connectionString: database.url, max: 8, application_name: "app-pool" });
  return Promise.all(Array.from({ length: count }, () => pool!.connect()));
}

function expectNotFired(evidence: { fired: boolean; detail: string }, detail: RegExp): void {
  expect(evidence.detail).toMatch(detail);
  expect(evidence.fired).toBe(false);
}

/** How many of the pool's sessions the server still shows, asked on one of them. */
async function poolSessionsOpen(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: string }>("select count(*) as n from pg_stat_activity where application_name = 'app-pool'");
  return Number(rows[0]?.n);
}

/** Closes sessions (not back to the pool) and waits until the server has let them go. */
async function close(clients: pg.PoolClient[], asker: pg.PoolClient, left: number): Promise<void> {
  for (const client of clients) client.release(true);
  await vi.waitFor(async () => expect(await poolSessionsOpen(asker)).toBe(left));
}

const claim = (at: number) => ({ type: "job" as const, at, phase: "claim", runId: "r", jobId: `j${at}` });

describe("the pool-sessions fault's evidence", () => {
  it("counts the most sessions open at once over its window, not only at its trigger, where the pool had not grown yet", async () => {
    const history = new History();
    const query = vi.spyOn(database.observer, "query");
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const world = worldOf(history, database.observer);

    const [first] = await hold(1);
    history.append(claim(1));
    history.append(claim(2));
    await fault.start(world);
    // The trigger is the first claim once two are in hand; the watcher looks again at the second.
    await vi.waitFor(() => expect(query).toHaveBeenCalledTimes(2));
    await query.mock.results[1]?.value;

    // The pool grows for a while (queries overlapped), then its extra sessions close (idle timeout)
    // before the heal: only the watcher's look at the next sign of work can have seen them.
    const extra = await hold(2);
    history.append({ type: "openai", at: 3, phase: "start", inFlight: 1 });
    await vi.waitFor(() => expect(query).toHaveBeenCalledTimes(3));
    await query.mock.results[2]?.value;
    await close(extra, first!, 1);
    first!.release();

    await fault.heal(world);
    const evidence = await fault.evidence(world);
    expect(evidence.detail).toMatch(/^at most 3 pooled session\(s\) open at once over 4 look\(s\) \(expected 2–4\)/);
    expect(evidence.fired).toBe(true);

    // Healed, it looks no more.
    history.append({ type: "openai", at: 4, phase: "start", inFlight: 1 });
    await fault.evidence(world);
    expect(query).toHaveBeenCalledTimes(4);
  });

  it("has not fired when the pool had more sessions than the harness gave it; its next run starts afresh", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const runOn = async (history: History) => {
      const world = worldOf(history, database.observer);
      history.append(claim(1));
      history.append(claim(2));
      await fault.start(world);
      await fault.heal(world);
      return fault.evidence(world);
    };
    const clients = await hold(5);
    expectNotFired(await runOn(new History()), /^at most 5 pooled session/);

    // The same nemesis serves the entry's next run (a history of its own): what the first saw is forgotten.
    const [asker, other, ...rest] = clients;
    await close(rest, asker!, 2);
    const second = await runOn(new History());
    expect(second.detail).toMatch(/^at most 2 pooled session/);
    expect(second.fired).toBe(true);
    for (const client of [asker!, other!]) client.release();
  });

  it("has not fired when the pool never had the sessions it models, or when its trigger never came", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const history = new History();
    const world = worldOf(history, database.observer);
    const [only] = await hold(1);
    history.append(claim(1));
    history.append(claim(2));
    await fault.start(world);
    await fault.heal(world);
    expectNotFired(await fault.evidence(world), /^at most 1 pooled session/);
    only!.release();

    const untriggered = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 1, maxPoolSessions: 4 });
    await untriggered.heal(worldOf(new History(), database.observer));
    expectNotFired(await untriggered.evidence(world), /^at most no pooled session\(s\) open at once over 0 look/);
  });
});
