/**
 * An advisory lock key in each form real helpers take it. They differ in how pg_locks shows them: a
 * bigint (and a server-hashed name, which is a bigint too) fills classid/objid with objsubid 1; two
 * int4 keys fill classid and objid with objsubid 2. Session and `_xact_` locks show the same way.
 */
export type LockKey =
  /** `pg_try_advisory_lock(63063063063)` */
  | { form: "bigint"; key: bigint }
  /** `pg_try_advisory_lock(7, 42)` */
  | { form: "int4-pair"; key1: number; key2: number }
  /** `pg_try_advisory_lock(hashtext('cron:jobs'))`: the key is whatever the server's hashtext gives. */
  | { form: "hashtext"; name: string };

/** What a target config may write for `lockKey`. */
export type LockKeyConfig = bigint | string | readonly [number, number] | { hashtext: string };

export const LOCK_KEY_ACCEPTS =
  'a bigint like 63063063063n or a string of digits (not a number), a pair of int4 like [7, 42], or { hashtext: "cron:jobs" }';

const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
export const INT64_RANGE = `from ${INT64.min} to ${INT64.max}`;
const INT4 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function bigintLockKey(key: bigint): LockKey {
  return { form: "bigint", key };
}

/** The key a config declares, or undefined when it is none of the accepted forms. */
export function parseLockKey(value: unknown): LockKey | undefined {
  if (typeof value === "bigint") return inInt64(value);
  // A number is refused even when it looks right: above 2^53 the literal is rounded before the harness sees it.
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return inInt64(BigInt(value.trim()));
  if (Array.isArray(value) && value.length === 2 && value.every(isInt4)) return { form: "int4-pair", key1: value[0] as number, key2: value[1] as number };
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const [field, name] = entries[0] ?? [];
    if (entries.length === 1 && field === "hashtext" && typeof name === "string" && name !== "") return { form: "hashtext", name };
  }
  return undefined;
}

/** The key as the route's SQL would spell it, for messages. */
export function describeLockKey(key: LockKey): string {
  if (key.form === "bigint") return key.key.toString();
  if (key.form === "int4-pair") return `(${key.key1}, ${key.key2})`;
  return `hashtext('${key.name}')`;
}

function inInt64(key: bigint): LockKey | undefined {
  return key >= INT64.min && key <= INT64.max ? bigintLockKey(key) : undefined;
}

function isInt4(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= INT4.min && value <= INT4.max;
}
