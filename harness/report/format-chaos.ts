import type { ChaosResult } from "../drivers/catalog/chaos-result";

export function chaosRerunCommand(result: Pick<ChaosResult, "name" | "timeScale" | "baseSeed">, targetFlags = ""): string {
  return `npx cronstorm catalog --seed ${result.baseSeed} --scale ${result.timeScale}${targetFlags} --only ${result.name}`;
}

/** Why a catalog row is not what it should be, readable without the code. */
export function formatChaosFailure(result: ChaosResult, targetFlags = ""): string {
  const expected = result.expect === "survives" ? "to survive every invariant" : "to be caught breaking an invariant";
  const lines = [
    `cronstorm: fault "${result.fault}" on ${result.target} (${result.mode}) was expected ${expected}; got ${result.status.toUpperCase()}`,
    `  models: ${result.models}`,
    ...result.verdicts.map((v) => `  ${v.status === "pass" ? "✓" : "✗"} ${v.invariant} [${v.status}]: ${v.detail}`),
    `  ${JSON.stringify(result.figures)}`,
    `  seed ${result.seed} (base ${result.baseSeed}), time scale ×${result.timeScale}`,
    `  rerun: ${chaosRerunCommand(result, targetFlags)}`,
  ];
  return lines.join("\n");
}
