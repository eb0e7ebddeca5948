// An isolated app instance: its own process, module graph and pool, like one serverless instance.
// Started by isolated-instance.ts with `node --import tsx`; it imports the route, forwards the app's
// diagnostics events, and answers invoke requests over IPC.
import { onAppEvents } from "../app-events";
import type { FromChild, ToChild } from "./protocol";

/** False when the IPC pipe is backed up and the message waits in memory. */
const send = (message: FromChild): boolean => process.send?.(message) ?? false;

const modulePath = process.env.CRONSTORM_ROUTE_MODULE;
if (!modulePath || !process.send) {
  console.error("cronstorm: the isolated instance must be started by the harness (IPC and CRONSTORM_ROUTE_MODULE)");
  process.exit(2);
}

const route = (await import(modulePath)) as { GET?: (request: Request) => Promise<Response> };
const GET = route.GET;
if (typeof GET !== "function") {
  console.error(`cronstorm: ${modulePath} does not export GET(request)`);
  process.exit(2);
}

onAppEvents((channel, message) => send({ type: "event", channel, message }));

// Armed by the freeze-after-response fault: once an invocation that ran has answered, the instance
// stops before any timer, I/O callback or setImmediate can run, as a platform freezes an instance once its
// response is out. Work the route left for after its response (an unlock it did not await) never runs.
let freezeAfterResponse = false;

process.on("message", (message: ToChild) => {
  if (message.type === "freeze-after-response") {
    freezeAfterResponse = true;
    return;
  }
  void (async () => {
    try {
      const response = await GET(new Request(message.url, { method: "GET", headers: message.headers }));
      const body = await response.text();
      send({ type: "result", id: message.id, status: response.status, headers: [...response.headers], body });
      if (freezeAfterResponse && ranJobs(response.status, body)) {
        freezeAfterResponse = false;
        // Both messages are written to the IPC pipe at once while it is not backed up; if it is, the stop
        // waits until they are out (a later freeze, never a lost answer).
        let stopped = false;
        const freeze = () => {
          if (stopped) return;
          stopped = true;
          process.kill(process.pid, "SIGSTOP");
        };
        const freezing: FromChild = { type: "freezing", id: message.id };
        if (process.send?.(freezing, freeze)) freeze();
      }
    } catch (error) {
      send({ type: "result", id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});

/** The route ran (phase 94c's answer for a run that was not skipped). */
function ranJobs(status: number, body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { success?: unknown; skipped?: unknown };
    return status === 200 && parsed.success === true && parsed.skipped === undefined;
  } catch {
    return false;
  }
}

// The harness is gone (it crashed or was killed): an orphaned instance must not keep running.
process.on("disconnect", () => process.exit(0));

send({ type: "ready", pid: process.pid });
