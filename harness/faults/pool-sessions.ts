import type { History, HistoryEvent } from "../history";
import type { ChaosWorld, Nemesis } from "./catalog-world";
import { faultEvent, TRIGGER_TIMEOUT_MS } from "./observe";

/** From the trigger to the heal (wall ms); `healedAt` is unset until the heal. */
interface Window {
  from: number;
  healedAt?: number;
}

/**
 * Proof that the runner shared the instance's pool with the lock code while the pool really had
 * `minPoolSessions` (or more, within the harness-sized maximum) connections open, and which sessions
 * took and released the lock. Used for the pooled-lock and pool-size-1 faults.
 *
 * The pool grows only when queries overlap, so a look at one moment can land before it has. The lock
 * sampler (db/lock-sampler.ts) counts the sessions every 25 ms for the whole run, each count in one
 * statement with the lock's holders; the evidence is the most it saw open at once from the trigger to
 * the heal.
 */
export function poolSessions(options: { name: string; models: string; minPoolSessions: number; maxPoolSessions: number }): Nemesis {
  // One catalog entry's nemesis serves every run of it in a process: each run has its own window.
  let window: Window | undefined;

  return {
    name: options.name,
    models: options.models,
    async start(world) {
      window = undefined;
      // Two jobs in hand (a second claim where the route reports claims, else two OpenAI calls at once):
      // the runner's pool is at work beside the lock.
      const claims = () => world.history.ofType("job").filter((j) => j.phase === "claim").length;
      const twoAtWork = (e: HistoryEvent) => (e.type === "job" && e.phase === "claim" && claims() >= 2) || (e.type === "openai" && e.phase === "start" && e.inFlight >= 2);
      const trigger = await world.history.waitFor("two jobs in hand", twoAtWork, TRIGGER_TIMEOUT_MS);
      window = { from: trigger.at };
      faultEvent(world, "start", options.name, `${pooledAt(world, trigger.at) ?? "no"} pooled sessions open`);
    },
    heal() {
      if (window) window.healedAt ??= Date.now();
      return Promise.resolve();
    },
    evidence(world) {
      const most = window?.healedAt === undefined ? undefined : mostPooled(world, window.from, window.healedAt);
      const lockPids = new Set(world.history.ofType("lock").filter((e) => e.phase !== "lost").map((e) => e.backendPid));
      // The upper bound holds only where the harness sized the pool; another app's pool is its own.
      const inRange = most !== undefined && most >= options.minPoolSessions && (world.poolSize === undefined || most <= options.maxPoolSessions);
      const over = window ? "from its trigger to its heal" : "(never triggered)";
      const expected = world.poolSize === undefined ? `at least ${options.minPoolSessions}` : `${options.minPoolSessions}–${options.maxPoolSessions}`;
      return Promise.resolve({
        fired: inRange,
        detail: `at most ${most ?? "no"} pooled session(s) open at once ${over} (expected ${expected}); lock calls ran on ${lockPids.size} distinct session(s)`,
      });
    },
  };
}

/**
 * Pooled sessions in one sample: besides src/'s named lock session where the harness built the pool;
 * for another app, besides whatever session holds the key (its lock's, pooled or not).
 */
function pooled(world: ChaosWorld, sample: Extract<HistoryEvent, { type: "pg-sessions" }>): number {
  return world.poolSize === undefined ? sample.besideKeyHolders : sample.besideLockSession;
}

/** The sampler records changes only: the count in effect at `at` is the last one recorded by then. */
function pooledAt(world: ChaosWorld, at: number): number | undefined {
  const sample = samples(world.history).findLast((e) => e.at <= at);
  return sample && pooled(world, sample);
}

/** The most pooled sessions open at once from `from` to `to`: the count in effect at `from`, and every change until `to`. */
function mostPooled(world: ChaosWorld, from: number, to: number): number | undefined {
  const during = samples(world.history).filter((e) => e.at > from && e.at <= to);
  const counts = [pooledAt(world, from), ...during.map((e) => pooled(world, e))].filter((n) => n !== undefined);
  return counts.length === 0 ? undefined : Math.max(...counts);
}

const samples = (history: History) => history.ofType("pg-sessions");
