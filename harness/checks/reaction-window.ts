import type { History } from "../history";
import type { Interval } from "./intervals";

/**
 * An app learns that its lock session died from an error on that socket, then aborts what it has in
 * flight and records it: one event-loop turn and one write, in wall time, which the time scale does not
 * compress. Measured on the loaded 2-core machine: 17–27 ms (1–1.6 s of "production" time at ×60), so a
 * tick that fires just after the kill can start before the old run has put its job down. 50 ms of wall
 * time covers that and no more: an in-flight OpenAI call the app does not abort runs on for its latency
 * (the catalog's shortest, 6 s, is 100 ms of wall time at ×60), and work claimed after the kill is never
 * excused.
 */
export const REACTION_WINDOW_WALL_MS = 50;

/** The faults that end the lock's session while its process lives on: it can notice and wind down. */
const SESSION_KILLS = new Set(["terminate-holder-backend", "terminate-all-backends"]);

/**
 * Whether an overlap of two runs' work is the earlier run putting down, within the reaction window, work
 * it had in flight when a fault killed sessions, with the later run started after the kill. The fault's
 * event is recorded once the termination returned, so it is never earlier than the kill itself.
 */
export function windingDownAfterKill(history: History, [a, b]: [Interval, Interval]): boolean {
  const [early, late] = a.start <= b.start ? [a, b] : [b, a];
  return history
    .ofType("fault")
    .filter((e) => e.phase === "start" && SESSION_KILLS.has(e.fault))
    .some((kill) => early.start < kill.at && late.start >= kill.at && early.end <= kill.at + REACTION_WINDOW_WALL_MS);
}
