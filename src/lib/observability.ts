import { channel } from "node:diagnostics_channel";

// The route and runner publish what they do on diagnostics channels, the same mechanism undici and
// node-postgres tracers use. Publishing with no subscriber costs a property check; a harness or an APM
// agent subscribes to build a timeline.

export type LockEvent =
  | { phase: "acquire"; route: string; key: string; backendPid: number; acquired: boolean; requestedAt: number; at: number }
  | { phase: "release"; route: string; key: string; backendPid: number; unlocked: boolean; error?: string; requestedAt: number; at: number }
  | { phase: "lost"; route: string; key: string; backendPid: number; at: number };

export type RunEvent =
  | { phase: "start"; runId: string; at: number; budgetMs: number; safetyBufferMs: number }
  | { phase: "end"; runId: string; at: number; stoppedBy: string; claimed: number; succeeded: number; failed: number }
  | { phase: "crash"; runId: string; at: number; error: string };

export type JobEvent =
  // at: when the worker decided to claim (the budget's start check); claimedAt: when the claim returned,
  // from which on the job was surely the run's.
  | { phase: "claim"; runId: string; jobId: string; at: number; claimedAt: number }
  | { phase: "finish"; runId: string; jobId: string; at: number; outcome: "succeeded" | "failed"; error?: string }
  // The job's outcome could not be recorded: its worker fails the run, and the others claim no more.
  | { phase: "crash"; runId: string; jobId: string; at: number; error: string };

export const lockChannel = channel("cronstorm-app:lock");
export const runChannel = channel("cronstorm-app:run");
export const jobChannel = channel("cronstorm-app:job");

export function publish<T extends object>(target: typeof lockChannel, event: T): void {
  if (target.hasSubscribers) target.publish(event);
}
