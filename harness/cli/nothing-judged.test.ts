import { describe, expect, it } from "vitest";
import { nothingJudged } from "./nothing-judged";

describe("a run that judged nothing", () => {
  it("is every verdict unavailable (or none at all), not one that passed alongside unavailable ones", () => {
    expect(nothingJudged(["unavailable", "unavailable"])).toBe(true);
    expect(nothingJudged([])).toBe(true);
    expect(nothingJudged(["unavailable", "pass"])).toBe(false);
    expect(nothingJudged(["unknown"])).toBe(false);
    expect(nothingJudged(["fail", "unavailable"])).toBe(false);
  });
});
