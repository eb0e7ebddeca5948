/** The seed of one scenario in a session: the session's base seed mixed with the scenario's name (FNV-1a). */
export function scenarioSeed(baseSeed: number, name: string): number {
  let hash = (0x811c9dc5 ^ baseSeed) >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** The default base seed: fixed, so CI replays the same data unless CRONSTORM_SEED says otherwise. */
export const DEFAULT_BASE_SEED = 9403;

export function baseSeedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CRONSTORM_SEED?.trim();
  if (!raw) return DEFAULT_BASE_SEED;
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`cronstorm: CRONSTORM_SEED must be a whole number from 0 to 4294967295, got "${raw}"`);
  }
  return seed;
}
