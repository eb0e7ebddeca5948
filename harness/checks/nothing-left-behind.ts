import type pg from "pg";
import { describeLeftovers, leftoversOn } from "../db/leftovers";
import type { Stage } from "../target/stage";
import { fail, pass, unavailable, type Verdict } from "./verdict";

export const LEFT_BEHIND_INVARIANT = "nothing left behind";

/**
 * Once the app's instance is closed (its pool ended, or its process gone), no session of the app and no
 * advisory lock may remain on the scenario's database: a lock session that is unlocked but never closed
 * leaks one connection per run, which exhausts the server over hours of ticks.
 */
export async function nothingLeftBehind(observer: pg.Client, stage: Pick<Stage, "env" | "mode" | "appDatabase">): Promise<Verdict> {
  if (stage.env.kind === "fixed") return unavailable(LEFT_BEHIND_INVARIANT, "an app you started keeps its pool open between scenarios");
  // Closing an isolated instance ends its process, and every session with it: nothing could stay.
  if (stage.mode === "isolated") return unavailable(LEFT_BEHIND_INVARIANT, "an isolated instance's sessions end with its process");
  if (stage.appDatabase === "fixed") return nothingLeftBesideThePool(observer);
  const leftovers = await leftoversOn(observer);
  const leaked = describeLeftovers(leftovers);
  if (leaked) return fail(LEFT_BEHIND_INVARIANT, `after the app's instance closed, the database still has: ${leaked}`, { sessions: leftovers.sessions.length, "advisory locks": leftovers.advisoryLocks.length });
  return pass(LEFT_BEHIND_INVARIANT, "after the app's instance closed, no session of the app and no advisory lock remained");
}

/**
 * Shared mode with no resetModuleState: nothing closes the app's import-time client, so its pool's idle
 * sessions stay between scenarios by design. An advisory lock must not, nor a session still busy or
 * inside a transaction once every invocation has answered.
 */
async function nothingLeftBesideThePool(observer: pg.Client): Promise<Verdict> {
  // Nothing is closing in this mode (no pool ends, no process exits), so there is nothing to wait for.
  const leftovers = await leftoversOn(observer, { idlePool: true, waitMs: 0 });
  const leaked = describeLeftovers(leftovers);
  const figures = { sessions: leftovers.sessions.length, "advisory locks": leftovers.advisoryLocks.length };
  if (leaked) return fail(LEFT_BEHIND_INVARIANT, `after every invocation answered, the database still has: ${leaked} (only the app's idle pooled sessions may stay: no resetModuleState closes its pool)`, figures);
  const { rows } = await observer.query<{ idle: number }>(
    `select count(*)::int as idle from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return pass(LEFT_BEHIND_INVARIANT, `no advisory lock and no busy session remained; the app's ${rows[0]?.idle ?? 0} idle pooled session(s) stay open between scenarios (no resetModuleState)`);
}
