import { describe, expect, it } from "vitest";
import { compareWithBudget } from "./test-budget";

describe("the test budget", () => {
  const budget = { note: "", files: { "a.test.ts": 10, "b.test.ts": 1 } };

  it("passes files within 1.5 × their budget, and short files whatever their noise", () => {
    expect(compareWithBudget(budget, { "a.test.ts": 14.9, "b.test.ts": 2.9 }).over).toBe(false);
  });

  it("calls a file over past 1.5 × its budget, naming it", () => {
    const result = compareWithBudget(budget, { "a.test.ts": 15.1, "b.test.ts": 1 });
    expect(result.over).toBe(true);
    expect(result.lines).toContain("OVER  a.test.ts: 15.1 s, budget 10 s");
  });

  it("calls a new file without a budget over, so it gets one in review", () => {
    const result = compareWithBudget(budget, { "a.test.ts": 1, "b.test.ts": 1, "c.test.ts": 1 });
    expect(result.over).toBe(true);
    expect(result.lines).toContain("NEW   c.test.ts: 1 s, no budget yet (npm run test:budget -- --write)");
  });
});
