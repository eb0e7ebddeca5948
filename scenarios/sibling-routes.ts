import { latency } from "../harness/openai/latency";
import type { RouteName } from "../harness/target/routes";
import type { ScenarioSpec } from "../harness/drivers/scenario/spec";

/** The two cron routes that had the lock pattern first: same helper, their own keys, real work. */
export const SIBLING_ROUTES: ScenarioSpec[] = (["availability", "calendar-health"] as RouteName[]).map((route) => ({
  name: `route-${route}`,
  proves: `${route}: overlapping invocations take its own key, leave it free, and the next tick runs`,
  route,
  invocations: 5,
  jobs: 3,
  openai: { latency: latency.fixed(1_000) },
  lockHeldElsewhere: false,
  followUp: true,
  checks: ["declared-key", "lock-free", "follow-up-proceeds"],
}));
