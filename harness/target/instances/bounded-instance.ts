import type { TimeScale } from "../../time-scale";
import type { AppInstance } from "./app-instance";

/** phase 94c's `export const maxDuration = 800`: Vercel stops the function there, answered or not. */
export const MAX_DURATION_MS = 800_000;

/**
 * A hang guard, not the duration check (the budget invariant judges durations): an invocation still
 * unanswered at twice maxDuration (at least 20 s of wall time, so a loaded machine cannot trip it) is
 * recorded as an outcome unknown, with why, instead of holding the run forever. An app deadlocked on its
 * own pool (each invocation holding a session while its runner waits for another) ends this way, and
 * its close (which would wait on those sessions) fails the same way instead of hanging the teardown.
 */
export function boundedByMaxDuration(instance: AppInstance, scale: TimeScale): AppInstance {
  const wallMs = maxDurationGuardWallMs(scale);
  return {
    mode: instance.mode,
    // Closing waits on the app (a pool's end() waits for its sessions): a deadlocked app must not hang it either.
    close: () => withDeadline(instance.close(), wallMs, scale, "the app's close did not finish (a pool's end() waits for every session its invocations hold)"),
    invoke: (request) => withDeadline(instance.invoke(request), wallMs, scale, NO_ANSWER),
  };
}

/** When the hang guard gives up on an invocation, in wall ms: every stage bounds its instances so. */
export function maxDurationGuardWallMs(scale: TimeScale): number {
  // Whole milliseconds: AbortSignal.timeout (the HTTP stage's) takes nothing else.
  return Math.max(Math.ceil(scale.toWall(2 * MAX_DURATION_MS)), 20_000);
}

/** How the guard's error begins: an invocation whose error starts so got no answer at all. */
const NO_ANSWER = "no answer";

/** How many of these invocations the hang guard ended (an error the app threw itself is an answer of sorts). */
export function countUnanswered(invocations: readonly { error?: string }[]): number {
  return invocations.filter((i) => i.error?.startsWith(NO_ANSWER)).length;
}

function withDeadline<T>(answer: Promise<T>, wallMs: number, scale: TimeScale, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const production = Math.round(scale.toProduction(wallMs) / 1000);
      reject(new Error(`${what} after ${production} s of production time, twice maxDuration (${MAX_DURATION_MS / 1000} s): Vercel would have stopped this instance long before; is the app deadlocked (e.g. every pooled session held while its work waits for one)?`));
    }, wallMs);
  });
  return Promise.race([answer, expired]).finally(() => clearTimeout(timer));
}
