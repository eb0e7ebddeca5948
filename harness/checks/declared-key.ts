import { pgLocksKeyText } from "../db/pg-locks";
import { describeLockKey } from "../target/lock-key";
import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "route locks its declared key";

/**
 * The key the route asked Postgres for is the one its target declares (and no other route's). A target
 * that reports no lock events (another process, another app) is judged by what pg_locks showed held
 * while the burst's winner waited at the gate. Keys compare in pg_locks' spelling, so a pair of int4
 * keys or a server-hashed name is judged like a bigint.
 */
export async function locksDeclaredKey({ history, lockKey, observer }: CheckInput): Promise<Verdict> {
  const declared = await pgLocksKeyText(observer, lockKey);
  const shown = lockKey.form === "bigint" ? declared : `${describeLockKey(lockKey)} (pg_locks: ${declared})`;
  const judge = (keys: string[], passed: string, failed: string): Verdict => {
    const wrong = keys.filter((k) => k !== declared);
    if (wrong.length > 0) return fail(INVARIANT, `${failed} ${wrong.join(", ")}, but its declared key is ${shown}`);
    return pass(INVARIANT, `${passed} ${shown}`);
  };
  const reported = [...new Set(history.ofType("lock").filter((e) => e.phase === "acquire").map((e) => e.key))];
  if (reported.length > 0) return judge(reported, "every acquisition used", "the route locked");
  const sampled = [...new Set(history.ofType("pg-locks").flatMap((e) => e.keys))];
  if (sampled.length > 0) return judge(sampled, "pg_locks showed only", "pg_locks showed");
  return unknown(INVARIANT, "the route reported no lock acquisition and pg_locks showed no advisory lock during the run");
}
