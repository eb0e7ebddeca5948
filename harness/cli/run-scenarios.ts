import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { rerunCommand } from "../report/format-failure";
import { textTable, VERDICT_HEADER, verdictRows } from "../report/verdict-table";
import { buildReport, writeReport } from "../report/write-report";
import { runScenario, type ScenarioResult } from "../scenario/run-scenario";
import { validateSpec } from "../scenario/spec";
import type { ChaosArgs } from "./args";
import { capturingLogs, indent } from "./capture-logs";
import { resolveSettings, withHarness } from "./suite";

/** The default scenario set: verdict table, report files, exit code. */
export async function runScenarioSuite(args: ChaosArgs): Promise<number> {
  const known = new Set(DEFAULT_SCENARIOS.map((s) => s.name));
  const unknownNames = (args.only ?? []).filter((n) => !known.has(n));
  if (unknownNames.length > 0) {
    console.error(`cronstorm: --only names unknown scenario(s) ${unknownNames.join(", ")}; run \`npm run chaos -- --list\``);
    return 2;
  }
  const scenarios = DEFAULT_SCENARIOS.filter((s) => !args.only || args.only.includes(s.name));
  let settings;
  try {
    scenarios.forEach(validateSpec);
    settings = resolveSettings(args);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { baseSeed, scale } = settings;
  const startedAt = new Date();
  const results: ScenarioResult[] = [];
  const serverKind = await withHarness(args, settings, async (context, kind) => {
    console.info(`cronstorm: ${scenarios.length} scenarios on ${kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    for (const spec of scenarios) {
      const { value: result, logs } = await capturingLogs(() => runScenario(spec, context));
      results.push(result);
      console.info(`  ${result.status === "pass" ? "✓" : "✗"} ${spec.name}`);
      // Injected faults make the app log errors on purpose; show them only where a scenario failed.
      if (result.status !== "pass" && logs.length > 0) console.info(indent(logs.slice(-30).join("\n")));
    }
    return kind;
  });

  const report = buildReport({
    startedAt,
    baseSeed,
    timeScale: scale.factor,
    database: serverKind,
    scenarios: results,
  });
  console.info(`\n${textTable(VERDICT_HEADER, verdictRows(results))}\n`);
  const dir = await writeReport(report);
  console.info(`Durations are production seconds (time scale ×${scale.factor}). Report: ${dir}/report.md`);
  const failing = results.filter((r) => r.status !== "pass");
  for (const result of failing) console.error(`rerun ${result.name}: ${rerunCommand(result, baseSeed)}`);
  console.info(failing.length === 0 ? "\nVERDICT: PASS" : `\nVERDICT: ${report.status.toUpperCase()} (${failing.length} scenario(s))`);
  return failing.length === 0 ? 0 : 1;
}
