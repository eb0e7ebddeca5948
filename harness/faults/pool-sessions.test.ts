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

const claim = (at: number) => ({ type: "job" as const, at, phase: "claim", runId: "r", jobId: `j${at}` });

describe("the pool-sessions fault's evidence", () => {
  it("counts the most sessions seen at once over its window, not only at its trigger, where the pool had not grown yet", async () => {
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
    for (const client of extra) client.release(true);
    const poolSessionsLeft = async () => Number((await first!.query<{ n: string }>("select count(*) as n from pg_stat_activity where application_name = 'app-pool'")).rows[0]?.n);
    await vi.waitFor(async () => expect(await poolSessionsLeft()).toBe(1));
    first!.release();

    await fault.heal(world);
    const evidence = await fault.evidence(world);
    expect(evidence.detail).toMatch(/^at most 3 pooled session\(s\) at work over 4 look\(s\) \(expected 2–4\)/);
    expect(evidence.fired).toBe(true);
  });

  it("has not fired when the pool never had the sessions it models, or had more than the harness gave it", async () => {
    const history = new History();
    const oneSession = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 2, maxPoolSessions: 4 });
    const world = worldOf(history, database.observer);
    const clients = await hold(1);
    history.append(claim(1));
    history.append(claim(2));
    await oneSession.start(world);
    await oneSession.heal(world);
    expectNotFired(await oneSession.evidence(world), /^at most 1 pooled session/);

    // The same nemesis serves the entry's next run: what the first run saw is forgotten.
    clients.push(...(await hold(4)));
    await oneSession.start(world);
    await oneSession.heal(world);
    expectNotFired(await oneSession.evidence(world), /^at most 5 pooled session/);
    for (const client of clients) client.release();
  });

  it("looks no more once healed: a run whose trigger never came has no evidence", async () => {
    const fault = poolSessions({ name: "lock-on-busy-pool", models: "test", minPoolSessions: 1, maxPoolSessions: 4 });
    const world = worldOf(new History(), database.observer);
    await fault.heal(world);
    expectNotFired(await fault.evidence(world), /^at most no pooled session\(s\) at work over 0 look/);
  });
});
