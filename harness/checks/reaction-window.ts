import type { History } from "../history";
import { decidedAt, type Interval } from "./intervals";
import { SESSION_KILLS } from "./kill-faults";

/**
 * An app learns that its lock session died from an error on that socket, then aborts what it has in
 * flight and records it: an event-loop turn and a write, in wall time, which the time scale does not
 * compress. Measured in fresh-clone CI runs on the 2-core machine: 22 ms and 60 ms (1.3 s and 3.6 s of
 * "production" time at ×60), so a tick that fires just after the kill can start before the old run has
 * put its job down. 150 ms of wall time is 2.5 times the worst of those. What it still catches: work
 * claimed after the kill, always; an in-flight OpenAI call the app does not abort, whenever the call
 * outlasts the window (the catalog's latencies, 6–14 s, are 100–233 ms of wall time at ×60); and the
 * 250 ms and 1 s overlaps seen under two and three times that load (docs/gate.md), which the check is
 * right to call.
 */
export const REACTION_WINDOW_WALL_MS = 150;

/**
 * Whether an overlap of two runs' work is the earlier run putting down, within the reaction window, work
 * it had in flight when a fault killed sessions, with the later run started after the kill. The fault's
 * event marks when its kill began (before pg_terminate_backend is called), so it is never later than the
 * kill itself: CI saw the next run claim between the kill and the return of the query that made it.
 */
export function windingDownAfterKill(history: History, [a, b]: [Interval, Interval]): boolean {
  // Before or after the kill by the decision to claim: a claim decided before the kill was in flight at
  // it, even if it returned after; a run that decided before the kill had started before it.
  const [early, late] = decidedAt(a) <= decidedAt(b) ? [a, b] : [b, a];
  return sessionKillsAt(history).some((killAt) => decidedAt(early) < killAt && decidedAt(late) >= killAt && early.end <= killAt + REACTION_WINDOW_WALL_MS);
}

/** When each fault that kills lock sessions began its kill. */
export function sessionKillsAt(history: History): number[] {
  return history
    .ofType("fault")
    .filter((e) => e.phase === "start" && SESSION_KILLS.has(e.fault))
    .map((e) => e.at);
}
