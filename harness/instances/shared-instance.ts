import { fileURLToPath } from "node:url";
import { appFile } from "../app-dir";

const REPO_POOL = fileURLToPath(new URL("../../src/lib/db/pool.ts", import.meta.url));
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
  // Module state to reset between scenarios: the pool of the app under test (a patched copy under the
  // self-test) and the repo's own, which the known-bad route variants in harness/variants import.
  const poolModules = [...new Set([appFile("lib/db/pool.ts"), REPO_POOL])];
  const pools = (await Promise.all(poolModules.map((path) => import(path)))) as { closePool: () => Promise<void> }[];
  return {
    mode: "shared",
    invoke: (request) => GET(request),
    close: async () => {
      await Promise.all(pools.map((pool) => pool.closePool()));
    },
  };
}
