import { latency } from "../harness/openai/latency";
import type { AuthCase, ScenarioSpec } from "../harness/scenario/spec";

const CASES: { auth: AuthCase; what: string }[] = [
  { auth: "missing", what: "no Authorization header" },
  { auth: "wrong", what: "a wrong secret" },
  { auth: "malformed", what: "a non-Bearer header" },
  { auth: "unset-secret-bearer-undefined", what: "CRON_SECRET unset and `Bearer undefined` sent" },
];

/**
 * Each bad request answers 401 before the database is touched. Another session holds the lock meanwhile,
 * so a route that took the lock before checking auth would answer "locked" (200) and fail.
 */
export const AUTH: ScenarioSpec[] = CASES.map(({ auth, what }) => ({
  name: `auth-${auth}`,
  proves: `${what}: 401, no lock taken, no job touched`,
  invocations: 3,
  jobs: 4,
  auth,
  lockHeldElsewhere: true,
  openai: { latency: latency.fixed(1_000) },
  checks: ["unauthorized-untouched"],
}));
