import { latency } from "../harness/openai/latency";
import type { AuthCase, ScenarioSpec } from "../harness/drivers/scenario/spec";

const CASES: { auth: AuthCase; what: string; invocations?: number }[] = [
  { auth: "missing", what: "no Authorization header" },
  { auth: "wrong", what: "a wrong secret" },
  { auth: "malformed", what: "a non-Bearer header" },
  { auth: "unset-secret-bearer-undefined", what: "CRON_SECRET unset and `Bearer undefined` sent" },
  // One invocation per almost-secret token (harness/target/near-miss-tokens.ts).
  { auth: "near-miss", what: "tokens that are almost the secret (a prefix, one more character, one changed, another case)", invocations: 7 },
];

/**
 * Each bad request answers 401 before the database is touched. Another session holds the lock meanwhile,
 * so a route that took the lock before checking auth would answer "locked" (200) and fail.
 */
export const AUTH: ScenarioSpec[] = CASES.map(({ auth, what, invocations = 3 }) => ({
  name: `auth-${auth}`,
  proves: `${what}: 401, no lock taken, no job touched`,
  invocations,
  jobs: 4,
  auth,
  lockHeldElsewhere: true,
  openai: { latency: latency.fixed(1_000) },
  checks: ["unauthorized-untouched"],
}));
