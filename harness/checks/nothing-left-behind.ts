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
export async function nothingLeftBehind(observer: pg.Client, stage: Pick<Stage, "env" | "mode">): Promise<Verdict> {
  if (stage.env.kind === "fixed") return unavailable(LEFT_BEHIND_INVARIANT, "an app you started keeps its pool open between scenarios");
  // Closing an isolated instance ends its process, and every session with it: nothing could stay.
  if (stage.mode === "isolated") return unavailable(LEFT_BEHIND_INVARIANT, "an isolated instance's sessions end with its process");
  const leftovers = await leftoversOn(observer);
  const leaked = describeLeftovers(leftovers);
  if (leaked) return fail(LEFT_BEHIND_INVARIANT, `after the app's instance closed, the database still has: ${leaked}`, { sessions: leftovers.sessions.length, "advisory locks": leftovers.advisoryLocks.length });
  return pass(LEFT_BEHIND_INVARIANT, "after the app's instance closed, no session of the app and no advisory lock remained");
}
