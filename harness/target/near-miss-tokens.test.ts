import { describe, expect, it } from "vitest";
import { nearMissTokens } from "./near-miss-tokens";

describe("near-miss Bearer tokens", () => {
  it("gives seven tokens for a hex secret, all different from it and from each other", () => {
    const secret = "3f9a0c1d5e7b2a4c6d8e0f1a2b3c4d5e";
    const tokens = nearMissTokens(secret).map((m) => m.token);
    expect(tokens).toHaveLength(7);
    expect(new Set(tokens).size).toBe(7);
    expect(tokens).not.toContain(secret);
    expect(tokens).toEqual(expect.arrayContaining([secret.slice(0, -1), `${secret}0`, secret.toUpperCase(), secret.slice(0, 16)]));
  });

  it("changes exactly one character where it says so", () => {
    const secret = "abcdef0123456789";
    const changed = nearMissTokens(secret).filter((m) => m.what.includes("changed")).map((m) => m.token);
    for (const token of changed) {
      expect(token).toHaveLength(secret.length);
      expect([...token].filter((c, i) => c !== secret[i])).toHaveLength(1);
    }
  });

  it("never sends the secret itself: a secret with no letters has no other case", () => {
    const tokens = nearMissTokens("0123456789").map((m) => m.token);
    expect(tokens).not.toContain("0123456789");
    expect(tokens).toHaveLength(6);
  });
});
