import { describe, expect, it } from "vitest";
import { burst } from "../../../scenarios/burst";
import { srcRunnerEnv } from "../app-env";
import { runScenario } from "../../drivers/scenario/run-scenario";
import { moduleStage } from "../module-stage";
import type { AppEnvSettings } from "../target";
import { validateTarget } from "../validate-target";
import { harnessContext } from "../../vitest/harness-context";

const REFERENCE_ROUTE = new URL("../reference-routes/reference-pooled-lock-route.ts", import.meta.url).pathname;

/**
 * Phase 94c's reference locks and unlocks through the pool. With a pool of one connection, two
 * invocations on one instance both get that session, and the second re-enters the lock it already
 * holds. When isolated mode gave each invocation an instance of its own, this passed `burst-2`.
 */
describe("isolated mode: two invocations share an instance", () => {
  const context = harnessContext();

  it("fails phase 94c's pooled reference at a pool of one in burst-2: both invocations run", async () => {
    const target = validateTarget(
      {
        name: "reference pooled lock, pool of 1",
        module: REFERENCE_ROUTE,
        lockKey: 63063063063n,
        cronSecretEnv: "CRON_SECRET",
        appEnv: (settings: AppEnvSettings) => ({ ...srcRunnerEnv(settings), DATABASE_POOL_MAX: "1" }),
      },
      "isolated-layout.test.ts",
      ".",
    );
    if (target.kind !== "module") throw new Error("a module target");
    const result = await runScenario(burst(2), context, moduleStage(target, context.scratch, "isolated"));
    expect(result.verdicts.find((v) => v.invariant === "exactly one run proceeds")?.detail).toMatch(/^2 of 2 overlapping invocations ran the jobs/);
  });
});
