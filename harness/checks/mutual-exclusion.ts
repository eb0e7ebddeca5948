import { fail, pass, type Verdict } from "./verdict";
import { attemptIntervals, holdIntervals, type Interval, overlapsBetweenOwners, workIntervals } from "./intervals";
import type { CheckInput } from "./check-input";
import { REACTION_WINDOW_WALL_MS, sessionKillsAt, windingDownAfterKill } from "./reaction-window";

const INVARIANT = "mutual exclusion";

/**
 * No two runs work at the same time, judged from the jobs they actually worked on (claim to finish),
 * and no two sessions hold the lock at once as the route reported it.
 */
export async function mutualExclusion(input: CheckInput): Promise<Verdict> {
  const t0 = input.history.all()[0]?.at ?? 0;
  const at = (ms: number) => (Number.isFinite(ms) ? `${(input.scale.toProduction(ms - t0) / 1000).toFixed(1)} s` : "never");
  const one = (i: Interval) => `${i.runId.slice(0, 8)} on ${i.instance} (${at(i.start)}–${at(i.end)}${i.ending ? `, ${i.ending}` : ""})`;
  const show = ([a, b]: [Interval, Interval]) => `${one(a)} and ${one(b)}`;
  // Whether the reaction window could excuse an overlap depends on when the kill began: say so.
  const kills = sessionKillsAt(input.history).map(at);
  const killNote = kills.length > 0 ? `; a fault killed lock sessions at ${kills.join(", ")}` : "";

  // The route's own claim/finish events where it reports them (src/), else its attempts table.
  const reported = workIntervals(input.history);
  const work = reported.length > 0 ? reported : attemptIntervals(await input.jobs.readAttempts(input.observer), input.clockSkewMs);
  const runs = new Set(work.map((w) => w.runId)).size;
  const allWorkOverlaps = overlapsBetweenOwners(work, (i) => i.runId);
  const workOverlaps = allWorkOverlaps.filter((pair) => !windingDownAfterKill(input.history, pair));
  const woundDown = allWorkOverlaps.length - workOverlaps.length;
  const holds = holdIntervals(input.history, "narrowest");
  const holdOverlaps = overlapsBetweenOwners(holds, (i) => `${i.instance}/${i.backendPid}`);
  const figures = { runs, "job intervals": work.length, "lock holds": holds.length, "overlapping work": workOverlaps.length, "overlapping holds": holdOverlaps.length, "wound down after a kill": woundDown };
  if (workOverlaps.length > 0) {
    return fail(INVARIANT, `two runs worked at once: ${workOverlaps.slice(0, 3).map(show).join("; ")}${killNote}`, figures);
  }
  if (holdOverlaps.length > 0) {
    return fail(INVARIANT, `two sessions held the lock at once: ${holdOverlaps.slice(0, 3).map(show).join("; ")}`, figures);
  }
  const note = woundDown > 0 ? ` (${woundDown} job(s) in flight when a fault killed the lock session ended within ${REACTION_WINDOW_WALL_MS} ms of wall time after it, beside the next run: the app's reaction, which the time scale does not compress)` : "";
  return pass(INVARIANT, `${runs} runs, their work and their lock holds never overlapped${note}`, figures);
}
