import { appFile } from "../app-dir";
import type { AppInstance } from "./app-instance";

export type RouteModule = { GET: (request: Request) => Promise<Response> };

/**
 * All invocations in this process, through one module graph and one pool: a long-running server, or
 * Vercel Fluid compute running several invocations on one instance.
 */
export async function sharedInstance(routeModulePath: string): Promise<AppInstance> {
  const route = (await import(routeModulePath)) as Partial<RouteModule>;
  if (typeof route.GET !== "function") {
    throw new Error(`cronstorm: ${routeModulePath} does not export GET(request); is it an App Router route.ts?`);
  }
  const GET = route.GET;
  // The pool of the app under test (which may be a patched copy), not the harness's own import of it.
  const { closePool } = (await import(appFile("lib/db/pool.ts"))) as { closePool: () => Promise<void> };
  return {
    mode: "shared",
    invoke: (request) => GET(request),
    close: () => closePool(),
  };
}
