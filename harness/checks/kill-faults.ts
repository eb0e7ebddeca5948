import type { HistoryEvent } from "../history";

export const KILL_HOLDER = "kill-holder";
export const TERMINATE_HOLDER_BACKEND = "terminate-holder-backend";
export const TERMINATE_ALL_BACKENDS = "terminate-all-backends";

/** The faults that end the lock's session while its process lives on: it can notice and wind down. */
export const SESSION_KILLS: ReadonlySet<string> = new Set([TERMINATE_HOLDER_BACKEND, TERMINATE_ALL_BACKENDS]);

type FaultEvent = Extract<HistoryEvent, { type: "fault" }>;

/** Whether a fault's start killed this backend's session: every session, or the one it names. */
export function killedSession(event: FaultEvent, backendPid: number): boolean {
  return event.phase === "start" && (event.fault === TERMINATE_ALL_BACKENDS || (event.fault === TERMINATE_HOLDER_BACKEND && event.pid === backendPid));
}

/** Whether a fault's start killed this instance's process. */
export function killedInstance(event: FaultEvent, instance: string): boolean {
  return event.phase === "start" && event.fault === KILL_HOLDER && event.instance === instance;
}
