import type { ScenarioResult } from "../scenario/run-scenario";
import { baseSeedFromEnv } from "../scenario/seeds";

/** The command that replays one scenario with its seed. */
export function rerunCommand(result: Pick<ScenarioResult, "name" | "timeScale">, baseSeed: number): string {
  return `CRONSTORM_SEED=${baseSeed} CRONSTORM_TIME_SCALE=${result.timeScale} npm run chaos -- --only ${result.name}`;
}

export function formatFailure(result: ScenarioResult, baseSeed = baseSeedFromEnv()): string {
  const broken = result.verdicts.filter((v) => v.status !== "pass");
  const lines = [
    `cronstorm: scenario "${result.name}" ${result.status.toUpperCase()}: ${result.proves}`,
    ...broken.map((v) => `  ✗ ${v.invariant} [${v.status}]: ${v.detail}`),
    `  seed ${result.seed} (base ${baseSeed}), time scale ×${result.timeScale}`,
    `  rerun: ${rerunCommand(result, baseSeed)}`,
  ];
  if (result.keptDatabase) lines.push(`  database kept for inspection: ${result.keptDatabase}`);
  return lines.join("\n");
}
