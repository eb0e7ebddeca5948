import type { HarnessContext } from "../context";
import { runScenario } from "../drivers/scenario/run-scenario";
import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import type { ScenarioSpec } from "../drivers/scenario/spec";
import type { Stage } from "../target/stage";

/**
 * Runs `spec` until `invariant` fails, at most `draws` times with a fresh base seed each: the failing
 * result, or the last one. For a defect that shows on most draws but not all (a lock taken through a pool
 * leaks only when the unlock gets another connection than the lock had, which is the pool's choice).
 */
export async function untilFails(spec: ScenarioSpec, context: HarnessContext, stage: Stage, invariant: string, draws: number): Promise<ScenarioResult> {
  let result: ScenarioResult | undefined;
  for (let draw = 0; draw < draws; draw++) {
    result = await runScenario(spec, { ...context, baseSeed: context.baseSeed + draw }, stage);
    if (result.verdicts.find((v) => v.invariant === invariant)?.status === "fail") return result;
  }
  if (!result) throw new Error("cronstorm: untilFails needs at least one draw");
  return result;
}
