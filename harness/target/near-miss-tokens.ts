/** A character that differs from `c` but stays printable and in the token's alphabet where possible. */
const other = (c: string) => (c === "a" ? "b" : c === "0" ? "1" : /[0-9]/.test(c) ? "0" : "a");

/**
 * Bearer tokens that are almost the secret: each is accepted only by a comparison that is not
 * byte-for-byte (a prefix or length-limited compare, a case-insensitive one, a `startsWith`, a check of
 * the first or last bytes only). Deterministic for one secret.
 */
export function nearMissTokens(secret: string): { token: string; what: string }[] {
  const at = (i: number) => secret.slice(0, i) + other(secret[i] ?? "") + secret.slice(i + 1);
  const middle = Math.floor(secret.length / 2);
  const misses = [
    { token: secret.slice(0, -1), what: "the secret without its last character" },
    { token: `${secret}0`, what: "the secret with one more character" },
    { token: at(secret.length - 1), what: "the secret with its last character changed" },
    { token: at(0), what: "the secret with its first character changed" },
    { token: at(middle), what: "the secret with a middle character changed" },
    { token: secret.slice(0, middle), what: "the first half of the secret" },
    { token: secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(), what: "the secret in another letter case" },
  ];
  // A secret without letters has no other case; never send the secret itself as a "miss".
  return misses.filter((m) => m.token.length > 0 && m.token !== secret);
}
