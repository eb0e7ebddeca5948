import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { History } from "../history";

type Listener = (message: unknown) => void;

/** Copies the app's diagnostics-channel events (lock, run, job) into the history; returns the unsubscribe. */
export function recordAppEvents(history: History): () => void {
  const listeners: [string, Listener][] = [
    ["cronstorm-app:lock", (m) => history.append({ type: "lock", ...(m as LockMessage) })],
    ["cronstorm-app:run", (m) => history.append(runEvent(m as RunMessage))],
    ["cronstorm-app:job", (m) => history.append({ type: "job", ...(m as JobMessage) })],
  ];
  for (const [name, listener] of listeners) subscribe(name, listener);
  return () => {
    for (const [name, listener] of listeners) unsubscribe(name, listener);
  };
}

type LockMessage = { at: number; phase: string; route: string; key: string; backendPid: number };
type JobMessage = { at: number; phase: string; runId: string; jobId: string; outcome?: string };
type RunMessage = { at: number; phase: string; runId: string } & Record<string, unknown>;

function runEvent({ at, phase, runId, ...detail }: RunMessage) {
  return { type: "run" as const, at, phase, runId, detail };
}
