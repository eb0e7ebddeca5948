import type { ScenarioResult } from "../drivers/scenario/scenario-result";

/** The command that replays one scenario with its seed (`targetFlags`: the --target/--mode that chose the app). */
export function rerunCommand(result: Pick<ScenarioResult, "name" | "timeScale" | "baseSeed">, targetFlags = ""): string {
  return `npx cronstorm run --seed ${result.baseSeed} --scale ${result.timeScale}${targetFlags} --only ${result.name}`;
}

/** Why a scenario failed, readable without the code; its seeds and scale come from the result itself. */
export function formatFailure(result: ScenarioResult, targetFlags = ""): string {
  const broken = result.verdicts.filter((v) => v.status !== "pass");
  const lines = [
    `cronstorm: scenario "${result.name}" ${result.status.toUpperCase()}: ${result.proves}`,
    ...broken.map((v) => `  ✗ ${v.invariant} [${v.status}]: ${v.detail}`),
    `  seed ${result.seed} (base ${result.baseSeed}), time scale ×${result.timeScale}`,
    `  rerun: ${rerunCommand(result, targetFlags)}`,
  ];
  if (result.keptDatabase) lines.push(`  database kept for inspection: ${result.keptDatabase}`);
  return lines.join("\n");
}
