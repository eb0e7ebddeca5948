import { describe, expect, it } from "vitest";
import { shareOf } from "./shard";

describe("a shard's share of the selection", () => {
  const selection = ["a", "b", "c", "d", "e", "f", "g"];

  it("takes every n-th item from position i − 1: fixed by position alone, so every machine splits alike", () => {
    expect(shareOf(selection, { index: 1, total: 3 })).toEqual(["a", "d", "g"]);
    expect(shareOf(selection, { index: 2, total: 3 })).toEqual(["b", "e"]);
    expect(shareOf(selection, { index: 3, total: 3 })).toEqual(["c", "f"]);
    expect(shareOf(selection, { index: 1, total: 1 })).toEqual(selection);
  });

  it("splits any selection into disjoint shares, within one item of each other, that together are the selection", () => {
    for (let size = 0; size <= 9; size++) {
      const items = selection.concat(["h", "i"]).slice(0, size);
      for (let total = 1; total <= 5; total++) {
        const shares = Array.from({ length: total }, (_, i) => shareOf(items, { index: i + 1, total }));
        expect(shares.flat().sort(), `${size} items in ${total} shards`).toEqual([...items].sort());
        const sizes = shares.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // Shard 1 holds the first item: it measures the bench's accuracy on the sweep's first cell.
        if (size > 0) expect(shares[0]?.[0]).toBe(items[0]);
      }
    }
  });

  it("leaves a shard past the selection's end an empty share (it still writes its blob)", () => {
    expect(shareOf(["a", "b"], { index: 3, total: 3 })).toEqual([]);
  });
});
