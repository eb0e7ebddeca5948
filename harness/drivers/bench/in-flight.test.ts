import { describe, expect, it } from "vitest";
import { History } from "../../history";
import { TimeScale } from "../../time-scale";
import { inFlightSteps } from "./metrics";

describe("OpenAI calls in flight over the window", () => {
  it("keeps each 10 s step's peak, carrying calls still in flight into steps with no event", () => {
    const history = new History();
    // Wall ms at ×60: 100 ms is production second 6 (step 0), 200 → 12 s (step 1), 400 → 24 s (step 2), 700 → 42 s (step 4).
    for (const [at, phase, inFlight] of [
      [100, "start", 1],
      [200, "start", 2],
      [400, "end", 1],
      [700, "end", 0],
    ] as const)
      history.append({ type: "openai", at, phase, inFlight });
    expect(inFlightSteps(history, 0, new TimeScale(60), 60_000)).toEqual([
      { at: 0, calls: 1 },
      { at: 10, calls: 2 },
      { at: 20, calls: 2 },
      { at: 30, calls: 1 },
      { at: 40, calls: 1 },
      { at: 50, calls: 0 },
    ]);
  });
});
