import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, parseDurationList } from "./durations";

describe("human durations", () => {
  it("reads ms, s, m and h", () => {
    expect(parseDurationList("--budgets", "60s,120s,4m,1h,250ms,7.5s")).toEqual([60_000, 120_000, 240_000, 3_600_000, 250, 7_500]);
    expect(formatDuration(240_000)).toBe("4m");
    expect(formatDuration(7_500)).toBe("7.5s");
  });

  it.each(["60", "abc", "-5s", "0s", "5 days"])("rejects %j naming the flag and the accepted form", (bad) => {
    expect(() => parseDuration("--window", bad)).toThrow(/--window (takes durations like 250ms, 7.5s, 4m or 1h|must be longer than zero)/);
  });
});
