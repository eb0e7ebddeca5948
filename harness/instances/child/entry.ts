// An isolated app instance: its own process, module graph and pool, like one serverless instance.
// Started by isolated-instance.ts with `node --import tsx`; it imports the route, forwards the app's
// diagnostics events, and answers invoke requests over IPC.
import { onAppEvents } from "../app-events";
import type { FromChild, ToChild } from "./protocol";

const send = (message: FromChild) => process.send?.(message);

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

process.on("message", (message: ToChild) => {
  if (message.type !== "invoke") return;
  void (async () => {
    try {
      const response = await GET(new Request(message.url, { method: "GET", headers: message.headers }));
      send({ type: "result", id: message.id, status: response.status, headers: [...response.headers], body: await response.text() });
    } catch (error) {
      send({ type: "result", id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});

// The harness is gone (it crashed or was killed): an orphaned instance must not keep running.
process.on("disconnect", () => process.exit(0));

send({ type: "ready", pid: process.pid });
