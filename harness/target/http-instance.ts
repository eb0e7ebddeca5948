import type { AppInstance } from "./instances/app-instance";

/**
 * An app someone else runs, called over HTTP: each invocation sends the cron request's method and headers
 * (Authorization, user-agent) to the target URL, and is aborted after `abortAfterWallMs`. Same interface
 * as the shared and isolated instances, so the invoker and the checks do not change.
 */
export function httpInstance(url: string, abortAfterWallMs: number): AppInstance {
  return {
    mode: "http",
    // The stage's hang guard answers first; this abort then lets go of the request's socket.
    invoke: (request) => fetch(url, { method: request.method, headers: request.headers, redirect: "manual", signal: AbortSignal.timeout(abortAfterWallMs) }),
    close: async () => {},
  };
}

/**
 * Resolves with the status once anything answers at `url` (an unauthenticated probe gets 401 from a
 * correct route without touching the database), or throws after `timeoutMs`. The app is a process the harness
 * does not own, so there is no event to wait on: it retries every 250 ms. `stillStarting` lets a caller
 * that started the app give up early when the process died.
 */
export async function waitForApp(url: string, timeoutMs: number, stillStarting: () => string | undefined = () => undefined): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    const died = stillStarting();
    if (died) throw new Error(`cronstorm: the app at ${url} stopped while starting: ${died}`);
    try {
      const response = await fetch(url, { method: "GET", signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      await response.body?.cancel();
      return response.status;
    } catch (error) {
      last = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`cronstorm: nothing answered at ${url} within ${Math.round(timeoutMs / 1000)} s (${last}); start the app first (README: "Point cronstorm at your app")`);
}
