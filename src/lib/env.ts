/** Reads a positive integer env var; a bad value is a deploy mistake, so it fails loudly with the accepted range. */
export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer number of the stated unit, got "${raw}"`);
  }
  return value;
}

/** Like positiveIntFromEnv but 0 is allowed (e.g. a retry count). */
export function nonNegativeIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number >= 0, got "${raw}"`);
  }
  return value;
}
