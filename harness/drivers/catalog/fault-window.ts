import type { History } from "../../history";

/**
 * Every entry's report shades where its fault acted. A fault that marks its own moment (the kill, the
 * pause) has; for the others the window is the nemesis's, from its start to its heal.
 */
export function recordFaultWindow(history: History, fault: string, startedAt: number): void {
  const own = history.ofType("fault");
  if (!own.some((e) => e.phase === "start")) history.append({ type: "fault", phase: "start", at: startedAt, fault });
  if (!own.some((e) => e.phase === "heal")) history.append({ type: "fault", phase: "heal", at: Date.now(), fault });
}
