import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { burst } from "../../../scenarios/burst";
import { moduleStage } from "../../target/module-stage";
import { srcTarget } from "../../target/src-target";
import type { Stage } from "../../target/stage";
import { expectScenarioPassed } from "../../vitest/expect-verdicts";
import { harnessContext } from "../../vitest/harness-context";
import { runScenario } from "./run-scenario";

const NO_LOCK_ROUTE = fileURLToPath(new URL("../../target/reference-routes/no-lock-route.ts", import.meta.url));

describe("an app whose concurrency the harness does not know (one you started)", () => {
  const context = harnessContext();

  it("without a lock, fails exactly-one-proceeds instead of holding every run until the gate's timeout", async () => {
    const shared = moduleStage({ ...srcTarget(), module: NO_LOCK_ROUTE }, context.scratch, "shared");
    // What an HTTP target started by someone else looks like to the runner: a fixed env, settings unknown.
    const stage: Stage = { ...shared, env: { kind: "fixed", settings: undefined } };
    // The app's own OpenAI timeout, longer than the gate's: its held calls never give up on their own.
    const spec = burst(10);
    const result = await runScenario({ ...spec, openai: { ...spec.openai, timeoutMs: 3_600_000, maxRetries: 0 } }, context, stage);
    expect(result.verdicts.find((v) => v.invariant === "exactly one run proceeds")).toMatchObject({ status: "fail" });
    // The gate opened because more calls waited than one run makes, not because its timeout ran out.
    expect(result.gateOpened).toBe("several-runs-working");
  });

  it("with the lock, still holds the winner until the others answer, and passes", async () => {
    const stage: Stage = { ...moduleStage(srcTarget(), context.scratch, "shared"), env: { kind: "fixed", settings: undefined } };
    expectScenarioPassed(await runScenario(burst(10), context, stage));
  });
});
