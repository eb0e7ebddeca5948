import { advisoryLocksHeld, callAdvisory, pgLocksKeyText, type AdvisoryHolder } from "../db/pg-locks";
import { describeLockKey, type LockKey } from "../target/lock-key";
import type { CheckInput } from "./check-input";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = "lock is free afterwards";
const WHAT_A_LEAK_DOES =
  'later ticks answer "locked", or, on the same pooled connection, re-enter the lock and run beside each other';

/**
 * Seen from an independent session: no session of the app still holds any advisory lock on its
 * database (the declared key or any other, in any form), and a fresh pg_try_advisory_lock on the
 * declared key succeeds.
 */
export async function lockFree({ observer, lockKey }: Pick<CheckInput, "observer" | "lockKey">): Promise<Verdict> {
  const held = await advisoryLocksHeld(observer);
  if (held.length > 0) {
    const declared = await pgLocksKeyText(observer, lockKey);
    const leaks = held.map((h) => describeHolder(h, declared, lockKey)).join("; ");
    return fail(INVARIANT, `${leaks} after the run: ${WHAT_A_LEAK_DOES}`);
  }
  const shown = describeLockKey(lockKey);
  if (!(await callAdvisory(observer, "pg_try_advisory_lock", lockKey))) return fail(INVARIANT, `pg_try_advisory_lock(${shown}) from a fresh session returned false`);
  await callAdvisory(observer, "pg_advisory_unlock", lockKey);
  return pass(INVARIANT, `no advisory lock left in pg_locks; a fresh session took and gave back ${shown}`);
}

function describeHolder(holder: AdvisoryHolder, declared: string, lockKey: LockKey): string {
  const which = holder.key === declared ? `the route's key ${describeLockKey(lockKey)}` : `advisory lock ${holder.key} (not the declared key)`;
  return `${which} is still held by pid ${holder.pid} (${holder.application || "unnamed"})`;
}
