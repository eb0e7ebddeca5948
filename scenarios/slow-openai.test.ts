import { describe, expect, it } from "vitest";
import { runScenario } from "../harness/drivers/scenario/run-scenario";
import { expectScenarioPassed } from "../harness/vitest/expect-verdicts";
import { harnessContext } from "../harness/vitest/harness-context";
import { SLOW_OPENAI } from "./slow-openai";

describe("slow OpenAI against the time budget", () => {
  it(SLOW_OPENAI.proves, async () => {
    const result = await runScenario(SLOW_OPENAI, harnessContext());
    expectScenarioPassed(result);
    // The budget, not the queue, must have ended the run, or the scenario never tested the budget.
    expect(result.figures.jobsSucceeded).toBeLessThan(SLOW_OPENAI.jobs);
    expect(result.figures.throughputPerMinute).toBeGreaterThan(0);
    console.info(`slow-openai throughput: ${result.figures.throughputPerMinute} jobs/min (production units, scale ×${result.timeScale})`);
  });
});
