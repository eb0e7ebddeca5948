import { Gate } from "./gate";
import type { History } from "./history";
import type { AppInstance } from "./target/instances/app-instance";

export interface Invocation {
  index: number;
  startedAt: number;
  endedAt: number;
  /** undefined when the call threw instead of answering (outcome unknown: Jepsen's `info`). */
  status?: number;
  body?: unknown;
  error?: string;
}

export interface BurstOptions {
  instance: AppInstance;
  count: number;
  request: (index: number) => Request;
  history: History;
  /** Called as each invocation settles, with how many have settled so far. */
  onSettled?: (invocation: Invocation, settled: number) => void;
  /** Numbering offset, so follow-up invocations continue the history's sequence. */
  firstIndex?: number;
}

/**
 * Fires `count` invocations that all wait at one barrier and are released in the same tick, so they
 * race for the lock as overlapping cron deliveries do.
 */
export async function fireBurst(options: BurstOptions): Promise<Invocation[]> {
  const barrier = new Gate<"released">();
  let settled = 0;
  const calls = Array.from({ length: options.count }, async (_, offset) => {
    const index = (options.firstIndex ?? 0) + offset;
    const request = options.request(index);
    await barrier.pass();
    const invocation = await invokeOnce(options.instance, request, index, options.history);
    settled += 1;
    options.onSettled?.(invocation, settled);
    return invocation;
  });
  barrier.open("released");
  return Promise.all(calls);
}

export async function invokeOnce(instance: AppInstance, request: Request, index: number, history: History, label?: string): Promise<Invocation> {
  const startedAt = Date.now();
  history.append({ type: "invoke", invocation: index, at: startedAt, instance: label });
  try {
    const response = await instance.invoke(request);
    const text = await response.text();
    const body = parseJson(text);
    const endedAt = Date.now();
    history.append({ type: response.ok ? "ok" : "fail", invocation: index, at: endedAt, status: response.status, body, instance: label });
    return { index, startedAt, endedAt, status: response.status, body };
  } catch (error) {
    const endedAt = Date.now();
    const message = error instanceof Error ? error.message : String(error);
    history.append({ type: "info", invocation: index, at: endedAt, error: message, instance: label });
    return { index, startedAt, endedAt, error: message };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A cron request as Vercel sends it. */
export function cronRequest(path: string, authorization: string | undefined): Request {
  const headers = new Headers({ "user-agent": "vercel-cron/1.0" });
  if (authorization !== undefined) headers.set("authorization", authorization);
  return new Request(`http://localhost${path}`, { method: "GET", headers });
}
