import { describe, expect, it } from "vitest";
import { orderByBudget } from "./budget-order";

describe("test files ordered by their budget", () => {
  const budget = { "slow.test.ts": 50, "mid.test.ts": 10, "quick.test.ts": 1 };

  it("runs the longest first for the gate and the cheapest first for the self-test", () => {
    const files = ["quick.test.ts", "slow.test.ts", "mid.test.ts"];
    expect(orderByBudget(files, budget, "longest-first")).toEqual(["slow.test.ts", "mid.test.ts", "quick.test.ts"]);
    expect(orderByBudget(files, budget, "cheapest-first")).toEqual(["quick.test.ts", "mid.test.ts", "slow.test.ts"]);
  });

  it("counts a file with no budget as the median file and breaks ties by name", () => {
    expect(orderByBudget(["slow.test.ts", "new.test.ts", "quick.test.ts", "mid.test.ts"], budget, "cheapest-first")).toEqual([
      "quick.test.ts",
      "mid.test.ts",
      "new.test.ts",
      "slow.test.ts",
    ]);
  });
});
