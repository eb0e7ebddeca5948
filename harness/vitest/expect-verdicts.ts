import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { formatFailure } from "../report/format-failure";

/**
 * Fails the test with the scenario's own explanation: what broke, the evidence, the seed and the rerun
 * command (`targetFlags`: the --target/--mode that select the same app from `npm run chaos`).
 */
export function expectScenarioPassed(result: ScenarioResult, targetFlags = ""): void {
  if (result.status !== "pass") throw new Error(formatFailure(result, targetFlags));
}
