import { describe, it } from "vitest";
import { runScenario } from "../harness/drivers/scenario/run-scenario";
import { expectScenarioPassed } from "../harness/vitest/expect-verdicts";
import { harnessContext } from "../harness/vitest/harness-context";
import { EXCEPTIONS } from "./exceptions";

describe("exceptions", () => {
  const context = harnessContext();
  for (const spec of EXCEPTIONS) {
    it(spec.proves, async () => {
      expectScenarioPassed(await runScenario(spec, context));
    });
  }
});
