import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Where Next.js App Router apps keep their routes: app/ at the root, or under src/. */
const APP_DIRS = ["app", "src/app"];
const ROUTE_FILES = ["route.ts", "route.mts", "route.js", "route.mjs"];

/** Every `<app>/api/cron/<name>/route.*` under `root`, relative to it, sorted. */
export function findCronRoutes(root: string): string[] {
  const found: string[] = [];
  for (const appDir of APP_DIRS) {
    const cronDir = join(root, appDir, "api", "cron");
    if (!existsSync(cronDir)) continue;
    for (const entry of readdirSync(cronDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const file = ROUTE_FILES.find((f) => existsSync(join(cronDir, entry.name, f)));
      if (file) found.push(join(appDir, "api", "cron", entry.name, file));
    }
  }
  return found.sort();
}
