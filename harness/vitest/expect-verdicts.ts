import type { ScenarioResult } from "../scenario/run-scenario";
import { formatFailure } from "../report/format-failure";

/** Fails the test with the scenario's own explanation: what broke, the evidence, the seed and the rerun command. */
export function expectScenarioPassed(result: ScenarioResult): void {
  if (result.status !== "pass") throw new Error(formatFailure(result));
}
