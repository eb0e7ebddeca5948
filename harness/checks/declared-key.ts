import { pgLocksKeyText } from "../db/pg-locks";
import { describeLockKey } from "../target/lock-key";
import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "route locks its declared key";

/**
 * The key the route asked Postgres for is the one its target declares (and no other route's). A target
 * that reports its lock events is held to them: every acquisition used the declared key. One that
 * reports none (another process, another app) is judged by the keys pg_locks showed held during the
 * run: the declared key must be among them (an app may hold other locks too; lock-free judges whether
 * it let them go). Keys compare in pg_locks' spelling, so a pair of int4 keys or a server-hashed name is
 * judged like a bigint.
 */
export async function locksDeclaredKey({ history, lockKey, observer }: CheckInput): Promise<Verdict> {
  const declared = await pgLocksKeyText(observer, lockKey);
  const shown = lockKey.form === "bigint" ? declared : `${describeLockKey(lockKey)} (pg_locks: ${declared})`;
  const reported = [...new Set(history.ofType("lock").filter((e) => e.phase === "acquire").map((e) => e.key))];
  if (reported.length > 0) {
    const wrong = reported.filter((k) => k !== declared);
    if (wrong.length > 0) return fail(INVARIANT, `the route locked ${wrong.join(", ")}, but its declared key is ${shown}`);
    return pass(INVARIANT, `every acquisition used ${shown}`);
  }
  const sampled = [...new Set(history.ofType("pg-locks").flatMap((e) => e.keys))];
  if (sampled.length > 0) {
    if (!sampled.includes(declared)) return fail(INVARIANT, `pg_locks showed ${sampled.join(", ")}, but its declared key is ${shown}`);
    const others = sampled.filter((k) => k !== declared);
    return pass(INVARIANT, `pg_locks showed ${shown} held${others.length > 0 ? ` (and ${others.join(", ")})` : ""}`);
  }
  return unknown(INVARIANT, "the route reported no lock acquisition and pg_locks showed no advisory lock during the run");
}
