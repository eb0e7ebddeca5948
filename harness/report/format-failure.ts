import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { baseSeedFromEnv } from "../trial/seeds";

/** The command that replays one scenario with its seed (`targetFlags`: the --target/--mode that chose the app). */
export function rerunCommand(result: Pick<ScenarioResult, "name" | "timeScale">, baseSeed: number, targetFlags = ""): string {
  return `CRONSTORM_SEED=${baseSeed} CRONSTORM_TIME_SCALE=${result.timeScale} npm run chaos --${targetFlags} --only ${result.name}`;
}

export function formatFailure(result: ScenarioResult, baseSeed = baseSeedFromEnv(), targetFlags = ""): string {
  const broken = result.verdicts.filter((v) => v.status !== "pass");
  const lines = [
    `cronstorm: scenario "${result.name}" ${result.status.toUpperCase()}: ${result.proves}`,
    ...broken.map((v) => `  ✗ ${v.invariant} [${v.status}]: ${v.detail}`),
    `  seed ${result.seed} (base ${baseSeed}), time scale ×${result.timeScale}`,
    `  rerun: ${rerunCommand(result, baseSeed, targetFlags)}`,
  ];
  if (result.keptDatabase) lines.push(`  database kept for inspection: ${result.keptDatabase}`);
  return lines.join("\n");
}
