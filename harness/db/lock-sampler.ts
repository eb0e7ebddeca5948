import type pg from "pg";
import { advisoryLockHolders } from "../checks/lock-free";
import type { History } from "../history";

/** Wall ms between samples: at ×60 that is 1.5 production seconds, finer than any hold worth drawing. */
const SAMPLE_EVERY_MS = 25;

/**
 * Who holds the route's advisory key, as PostgreSQL itself shows it (pg_locks), sampled through the
 * harness's observer session for the report's timeline, beside the hold the route reports. It needs
 * nothing from the app, so it works for any target. Only changes go into the history.
 */
export function sampleLockHolders(observer: pg.Client, lockKey: bigint, history: History): { stop: () => Promise<void> } {
  let stopped = false;
  let last: string | undefined;
  const sampleOnce = async () => {
    // A fault may kill sessions mid-sample; the next sample tries again.
    const holders = await advisoryLockHolders(observer, lockKey).catch(() => undefined);
    const pids = holders?.map((h) => h.pid).sort((a, b) => a - b);
    const seen = pids?.join(",");
    if (pids && seen !== last) {
      last = seen;
      history.append({ type: "pg-lock-holders", at: Date.now(), pids });
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sampleOnce();
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  let stopping: Promise<void> | undefined;
  return {
    // One last sample once the loop is done: a release just before the stop is not drawn as a leak.
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        await loop;
        await sampleOnce();
      })()),
  };
}
