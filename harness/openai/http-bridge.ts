import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { getResponse, type RequestHandler } from "msw";

/**
 * Serves msw handlers over real HTTP, so instances in other processes (OPENAI_BASE_URL pointed here)
 * get the very same handlers, latency draws, faults and one shared in-flight count. `listen` pins the
 * address for an app started before the harness (an HTTP target); by default a free loopback port.
 */
export async function serveHandlersOverHttp(
  handlers: () => readonly RequestHandler[],
  listen: { host: string; port: number } = { host: "127.0.0.1", port: 0 },
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server = createServer((req, res) => void answer(req, res, handlers()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new Error(`cronstorm: the OpenAI bridge cannot listen on ${listen.host}:${listen.port}: ${error.message}`, { cause: error })));
    server.listen(listen.port, listen.host, resolve);
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("cronstorm: the OpenAI bridge has no address");
  return {
    baseUrl: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, handlers: readonly RequestHandler[]): Promise<void> {
  const aborted = new AbortController();
  // The client gave up (its timeout, or its process died): tell a hanging handler, as fetch would.
  res.on("close", () => !res.writableFinished && aborted.abort());
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    signal: aborted.signal,
  });
  let response: Response | undefined;
  try {
    response = await getResponse([...handlers], request);
  } catch {
    response = Response.json({ error: { message: "cronstorm mock handler threw" } }, { status: 500 });
  }
  if (!response) {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `cronstorm: no mock for ${request.method} ${request.url}` } }));
    return;
  }
  if (response.type === "error") {
    req.socket.destroy(); // HttpResponse.error(): the connection fails, as a network error does
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
