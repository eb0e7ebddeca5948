import { describe, expect, it } from "vitest";
import { fleetSize, instanceFor } from "./fleet";

const layout = (invocations: number, max = 3) => {
  const size = fleetSize(invocations, max);
  const counts = Array.from({ length: size }, () => 0);
  for (let n = 0; n < invocations; n += 1) counts[instanceFor(n, size)]! += 1;
  return counts;
};

describe("isolated fleet layout", () => {
  it("puts the first two invocations of every burst on one instance, where they share its pool", () => {
    for (const invocations of [2, 3, 10, 50]) expect(layout(invocations)[0]).toBe(2);
  });

  it("gives the rest instances of their own once there are three invocations, within the maximum", () => {
    expect(layout(2)).toEqual([2]);
    expect(layout(3)).toEqual([2, 1]);
    expect(layout(4)).toEqual([2, 1, 1]);
    expect(layout(10)).toEqual([2, 4, 4]);
    expect(layout(50, 3)).toEqual([2, 24, 24]);
    expect(layout(1)).toEqual([1]);
  });
});
