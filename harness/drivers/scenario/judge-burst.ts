import { proceeded } from "../../checks/bodies";
import type { CheckInput } from "../../checks/check-input";
import { routeNeverRan } from "../../checks/route-ran";
import { fail, guarded, pass, type Verdict } from "../../checks/verdict";
import type { FaultEvidence } from "../../faults/fault";
import { checkUnavailable } from "../../target/availability";
import type { Trial } from "../../trial/trial";
import { CHECKS } from "../../checks/registry";
import type { ScenarioSpec } from "./spec";

/** The burst's verdicts in reading order: whether the route ran at all, whether the mock and the fault took part, then the spec's checks. */
export async function judgeBurst(spec: ScenarioSpec, trial: Trial, input: CheckInput, evidence: FaultEvidence | undefined): Promise<Verdict[]> {
  const { burst, history, openai } = input;
  const verdicts: Verdict[] = [];
  // A route that never got as far as its lock explains every failure after it, so it is listed first.
  if (trial.settings.auth === "valid" && spec.expectedStatus === undefined) {
    const attempts = (await trial.target.jobs.readAttempts(trial.observer).catch(() => [])).length;
    const neverRan = routeNeverRan({ burst, history, attempts, databaseName: trial.database.name, mode: trial.stage.mode });
    if (neverRan) verdicts.push(neverRan);
  }
  // The gate holds the winner through its OpenAI calls; an app whose calls never reach the mock (its
  // base URL env is not the bridge) was never held, and a burst that "passed" would prove nothing.
  if (spec.holdLockHolder && spec.jobs > 0 && openai.requests === 0 && burst.some(proceeded)) {
    verdicts.push(fail("OpenAI calls reach the mock", `a run proceeded but made no OpenAI call the harness saw: does the app's ${trial.target.env.openaiBaseUrl} point at the harness's bridge?`));
  }
  if (spec.fault && evidence) {
    verdicts.push(
      evidence.fired
        ? pass("fault fired", `${spec.fault.name}: ${evidence.detail}`)
        : fail("fault fired", `${spec.fault.name} never fired (${evidence.detail}); the scenario proved nothing`),
    );
  }
  for (const name of spec.checks) {
    verdicts.push(checkUnavailable(name, trial.stage) ?? (await guarded(name, () => CHECKS[name](input))));
  }
  return verdicts;
}
