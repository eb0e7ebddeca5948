import type pg from "pg";
import type { History } from "../history";
import type { LockKey } from "../target/lock-key";
import { type AdvisorySample, pgLocksKeyText, sampleAdvisory } from "./pg-locks";

export interface LockSampler {
  /** One sample now, at a moment the caller knows matters (the winner holding the lock at the gate). */
  sampleNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Wall ms between samples: at ×60 that is 1.5 production seconds, finer than any hold worth drawing. */
const SAMPLE_EVERY_MS = 25;

/**
 * Advisory locks as PostgreSQL itself shows them (pg_locks), sampled through the harness's observer
 * session for the whole run: who holds the declared key (`pg-lock-holders`, the report's timeline) and
 * which keys anyone holds (`pg-locks`, the evidence declared-key judges a target that reports no lock
 * events by), and how many sessions the app has open there (`pg-sessions`: an app that never opens one
 * talks to another database; the pool faults count the app's pooled sessions by it). It needs nothing
 * from the app, so it works for any target. Only changes go into the history.
 */
export function sampleLockHolders(observer: pg.Client, lockKey: LockKey, history: History): LockSampler {
  let stopped = false;
  let lastHolders: string | undefined;
  let lastKeys: string | undefined;
  let lastSessions: string | undefined;
  let previous: AdvisorySample | undefined;
  const sampleOnce = async (declared: string | undefined) => {
    // A fault may kill sessions mid-sample; the next sample tries again.
    const sample = await sampleAdvisory(observer, declared).catch(() => undefined);
    if (!sample) return;
    const pids = sample.locks.filter((l) => l.key === declared).map((l) => l.pid).sort((a, b) => a - b);
    const keys = [...new Set(sample.locks.map((l) => l.key))].sort();
    if (pids.join(",") !== lastHolders) {
      lastHolders = pids.join(",");
      history.append({ type: "pg-lock-holders", at: Date.now(), pids });
    }
    if (keys.join(" ") !== lastKeys) {
      lastKeys = keys.join(" ");
      history.append({ type: "pg-locks", at: Date.now(), keys });
    }
    // The pool counts are steady ones: the least of this sample and the one before.
    const steady = {
      besideLockSession: Math.min(sample.besideLockSession, previous?.besideLockSession ?? 0),
      besideKeyHolders: Math.min(sample.besideKeyHolders, previous?.besideKeyHolders ?? 0),
    };
    previous = sample;
    const sessions = `${sample.sessions} ${steady.besideLockSession} ${steady.besideKeyHolders}`;
    if (sessions !== lastSessions) {
      lastSessions = sessions;
      history.append({ type: "pg-sessions", at: Date.now(), count: sample.sessions, ...steady });
    }
  };
  // Resolved once (a hashtext key is hashed by the server); a failed lookup is retried on the next sample.
  let declared: string | undefined;
  const declaredKey = async () => (declared ??= await pgLocksKeyText(observer, lockKey).catch(() => undefined));
  const loop = (async () => {
    while (!stopped) {
      await sampleOnce(await declaredKey());
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  let stopping: Promise<void> | undefined;
  return {
    sampleNow: async () => sampleOnce(await declaredKey()),
    // One last sample once the loop is done: a release just before the stop is not drawn as a leak.
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        await loop;
        await sampleOnce(await declaredKey());
      })()),
  };
}
