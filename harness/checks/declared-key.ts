import type { CheckInput } from "./check-input";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "route locks its declared key";

/** The key the route asked Postgres for is the one its target declares (and no other route's). */
export function locksDeclaredKey({ history, lockKey }: CheckInput): Verdict {
  const keys = [...new Set(history.ofType("lock").filter((e) => e.phase === "acquire").map((e) => e.key))];
  if (keys.length === 0) return unknown(INVARIANT, "the route reported no lock acquisition");
  const wrong = keys.filter((k) => k !== lockKey.toString());
  if (wrong.length > 0) return fail(INVARIANT, `the route locked ${wrong.join(", ")}, but its declared key is ${lockKey}`);
  return pass(INVARIANT, `every acquisition used ${lockKey}`);
}
