import { closeSrcPools } from "./instances/shared-instance";
import { ROUTES, type RouteName } from "./routes";
import { srcRunnerEnv } from "./app-env";
import { srcJobs } from "./adapters";
import { bigintLockKey } from "./lock-key";
import type { ModuleTarget } from "./target";

/** The built-in target, used when no `--target` is given: src/'s route (CRONSTORM_APP_DIR's, under the self-test). */
export function srcTarget(route: RouteName = "background-jobs"): ModuleTarget {
  return {
    kind: "module",
    name: route === "background-jobs" ? "src" : `src ${route}`,
    source: "built-in",
    builtIn: true,
    module: ROUTES[route].module,
    lockKey: bigintLockKey(ROUTES[route].lockKey),
    env: { cronSecret: "CRON_SECRET", databaseUrl: "DATABASE_URL", openaiBaseUrl: "OPENAI_BASE_URL" },
    appEnv: srcRunnerEnv,
    jobs: srcJobs,
    knownBreaks: {},
    knownSurvives: {},
    resetModuleState: closeSrcPools,
  };
}
