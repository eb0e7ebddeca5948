import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "route locks its declared key";

/**
 * The key the route asked Postgres for is the one its target declares (and no other route's). A target
 * that reports no lock events (another process, another app) is judged by what pg_locks showed held
 * while the burst's winner waited at the gate.
 */
export function locksDeclaredKey({ history, lockKey }: CheckInput): Verdict {
  const reported = [...new Set(history.ofType("lock").filter((e) => e.phase === "acquire").map((e) => e.key))];
  if (reported.length > 0) return judge(reported, lockKey, "every acquisition used", "the route locked");
  const sampled = [...new Set(history.ofType("pg-locks").flatMap((e) => e.keys))];
  if (sampled.length > 0) return judge(sampled, lockKey, "pg_locks showed only", "pg_locks showed");
  return unknown(INVARIANT, "the route reported no lock acquisition and pg_locks showed no advisory lock while the winner ran");
}

function judge(keys: string[], lockKey: bigint, passed: string, failed: string): Verdict {
  const wrong = keys.filter((k) => k !== lockKey.toString());
  if (wrong.length > 0) return fail(INVARIANT, `${failed} ${wrong.join(", ")}, but its declared key is ${lockKey}`);
  return pass(INVARIANT, `${passed} ${lockKey}`);
}
