import { describe, expect, it } from "vitest";
import { runScenario } from "../harness/drivers/scenario/run-scenario";
import { expectScenarioPassed } from "../harness/vitest/expect-verdicts";
import { harnessContext } from "../harness/vitest/harness-context";
import { burst } from "./burst";
import { SIBLING_ROUTES } from "./sibling-routes";

describe("lock keys of the three cron routes", () => {
  const context = harnessContext();

  it("are distinct, as the route modules really take them", async () => {
    const observed: Record<string, string[]> = {};
    for (const spec of [burst(2), ...SIBLING_ROUTES]) {
      const result = await runScenario(spec, context);
      expectScenarioPassed(result);
      observed[spec.route ?? "background-jobs"] = result.observedLockKeys;
    }
    const keys = Object.values(observed);
    for (const routeKeys of keys) expect(routeKeys).toHaveLength(1);
    expect(new Set(keys.flat()).size, JSON.stringify(observed)).toBe(3);
  });
});
