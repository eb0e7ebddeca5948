import { describe, it } from "vitest";
import { runScenario } from "../harness/drivers/scenario/run-scenario";
import { expectScenarioPassed } from "../harness/vitest/expect-verdicts";
import { harnessContext } from "../harness/vitest/harness-context";
import { BURSTS } from "./burst";

describe("overlap burst", () => {
  const context = harnessContext();
  for (const spec of BURSTS) {
    it(spec.proves, async () => {
      expectScenarioPassed(await runScenario(spec, context));
    });
  }
});
