import { fail, pass, type Verdict } from "../../checks/verdict";
import { holdIntervals } from "../intervals";
import type { ChaosWorld } from "../world";

const INVARIANT = "no starvation";

/**
 * A tick that answered "locked" while no session the route knows of held the lock was starved: the lock
 * leaked (an idle pooled session still holds it) and nothing runs. A skip is starved only if its whole
 * acquire call, from request to answer, lies outside every reported hold.
 */
export function starvation(world: ChaosWorld): Verdict {
  const holds = holdIntervals(world.history, "widest");
  const skips = world.history.ofType("lock").filter((e) => e.phase === "acquire" && e.acquired === false);
  const starved = skips.filter((skip) => {
    const from = skip.requestedAt ?? skip.at;
    return !holds.some((h) => h.start <= skip.at && from <= h.end);
  });
  const figures = { "skipped ticks": skips.length, "starved ticks": starved.length };
  if (starved.length > 0) {
    return fail(INVARIANT, `${starved.length} of ${skips.length} skipped ticks found the lock taken while no run held it (leaked lock)`, figures);
  }
  return pass(INVARIANT, `${skips.length} skipped ticks, each while a run held the lock`, figures);
}
