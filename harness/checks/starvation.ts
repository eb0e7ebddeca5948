import { skipped } from "./bodies";
import { mayHaveRun } from "./work-inside-lock";
import { fail, pass, type Verdict } from "./verdict";
import type { Invocation } from "../invoker";
import type { CheckInput } from "./check-input";

const INVARIANT = "no starvation";

/**
 * A tick that answered "locked" while no other invocation was running was starved: something that is no
 * run holds the lock (a leaked pooled session, an instance frozen before its unlock) and nothing runs.
 * Judged from the invocations alone, so it holds for any target: the lock's holder is always an
 * invocation that is still running (from its request to its answer, or to its death), so a skip that
 * overlaps none of them cannot have been fair.
 */
export function starvation(input: Pick<CheckInput, "burst" | "scale">): Verdict {
  const skips = input.burst.filter(skipped);
  const mayHold = input.burst.filter(mayHaveRun);
  const t0 = Math.min(...input.burst.map((i) => i.startedAt));
  const at = (ms: number) => `${(input.scale.toProduction(ms - t0) / 1000).toFixed(1)} s`;
  const starved = skips.filter((skip) => !mayHold.some((h) => overlaps(h, skip)));
  const figures = { "skipped ticks": skips.length, "starved ticks": starved.length };
  if (starved.length > 0) {
    const which = starved.slice(0, 3).map((s) => `#${s.index} at ${at(s.startedAt)}`).join(", ");
    return fail(INVARIANT, `${starved.length} of ${skips.length} skipped ticks answered "locked" while no run was going (${which}): the lock was held by something that is not a run`, figures);
  }
  return pass(INVARIANT, `${skips.length} skipped ticks, each while another invocation was running`, figures);
}

const overlaps = (a: Invocation, b: Invocation) => a.startedAt <= b.endedAt && b.startedAt <= a.endedAt;
