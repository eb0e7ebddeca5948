import { relative, isAbsolute, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { appDir, appFile } from "../app-dir";
import type { AppInstance } from "./app-instance";

const REPO_SRC = fileURLToPath(new URL("../../../src/", import.meta.url));
const REPO_POOL = `${REPO_SRC}lib/db/pool.ts`;

export type RouteModule = { GET: (request: Request) => Promise<Response> };

/**
 * All invocations in this process, through one module graph and one pool: a long-running server, or
 * Vercel Fluid compute running several invocations on one instance. `resetModuleState` runs on close,
 * so the next scenario (with a database of its own) starts without the last one's pool.
 */
export async function sharedInstance(routeModulePath: string, resetModuleState: () => Promise<void> = closeSrcPools): Promise<AppInstance> {
  const route = (await import(routeModulePath)) as Partial<RouteModule>;
  if (typeof route.GET !== "function") {
    throw new Error(`cronstorm: ${routeModulePath} does not export GET(request); is it an App Router route.ts?`);
  }
  const GET = route.GET;
  return {
    mode: "shared",
    invoke: (request) => GET(request),
    close: resetModuleState,
  };
}

/**
 * src/'s module state: the pool of the app under test (a patched copy under the self-test) and the
 * repo's own, which the known-bad reference routes in harness/target/reference-routes import.
 */
export async function closeSrcPools(): Promise<void> {
  const poolModules = [...new Set([appFile("lib/db/pool.ts"), REPO_POOL])];
  const pools = (await Promise.all(poolModules.map((path) => import(path)))) as { closePool: () => Promise<void> }[];
  await Promise.all(pools.map((pool) => pool.closePool()));
}

/**
 * Whether `modulePath` is src/'s (the repo's or CRONSTORM_APP_DIR's), whose module state is the pools
 * closeSrcPools closes. Any other app's pool is its own, and closing src/'s would leave it bound to a
 * dropped database.
 */
export function usesSrcPools(modulePath: string): boolean {
  return [REPO_SRC, appDir()].some((dir) => {
    const rel = relative(dir, modulePath);
    return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
  });
}
