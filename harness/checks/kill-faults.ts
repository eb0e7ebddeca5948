/** The faults that end the lock's session while its process lives on: it can notice and wind down. */
export const SESSION_KILLS: ReadonlySet<string> = new Set(["terminate-holder-backend", "terminate-all-backends"]);

/** The faults that end the lock's session by killing the process holding it. */
export const PROCESS_KILLS: ReadonlySet<string> = new Set(["kill-holder"]);
