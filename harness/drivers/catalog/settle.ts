import type { History } from "../../history";
import type { Invocation } from "../../invoker";

/** Bound on the last invocations after the final tick. */
const SETTLE_TIMEOUT_WALL_MS = 30_000;

/** Runs `fn` after `ms` wall milliseconds (at once for 0). */
export function delayed<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return ms <= 0 ? fn() : new Promise((resolve) => setTimeout(resolve, ms)).then(fn);
}

export async function settled(invocations: Promise<Invocation>[]): Promise<boolean> {
  const marker = Symbol("pending");
  const states = await Promise.all(invocations.map((p) => Promise.race([p, Promise.resolve(marker)])));
  return states.every((s) => s !== marker);
}

export async function settleAll(invocations: Promise<Invocation>[], history: History): Promise<Invocation[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const answered = new Set(history.all().flatMap((e) => ("invocation" in e && e.type !== "invoke" ? [e.invocation] : [])));
      const open = history.ofType("invoke").filter((e) => !answered.has(e.invocation)).map((e) => `#${e.invocation} on ${e.instance}`);
      const recent = history.all().slice(-8).map((e) => JSON.stringify(e).slice(0, 160));
      reject(new Error(`cronstorm: invocations still running ${SETTLE_TIMEOUT_WALL_MS} ms after the last tick: ${open.join(", ")}\nlast events:\n${recent.join("\n")}`));
    }, SETTLE_TIMEOUT_WALL_MS);
  });
  try {
    return await Promise.race([Promise.all(invocations), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
