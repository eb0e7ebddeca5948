import { appFile } from "./app-dir";

const routeFile = (name: string) => appFile(`app/api/cron/${name}/route.ts`);

/**
 * The target: the app's cron routes, and the lock key the spec says each must use. Checks use the
 * declared key to look at pg_locks independently of the app; the keys test reads the keys the route
 * modules really take, and the invariants compare the two.
 */
export const ROUTES = {
  "background-jobs": { module: routeFile("background-jobs"), path: "/api/cron/background-jobs", lockKey: 63063063063n },
  availability: { module: routeFile("availability"), path: "/api/cron/availability", lockKey: 61061061061n },
  "calendar-health": { module: routeFile("calendar-health"), path: "/api/cron/calendar-health", lockKey: 62062062062n },
} as const;

export type RouteName = keyof typeof ROUTES;
