import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { rerunCommand } from "../report/format-failure";
import { scenarioFindings, textTable, VERDICT_HEADER, verdictRows } from "../report/verdict-table";
import { scenarioEntry, writeVerdictsFile } from "../report/verdicts-file";
import { buildReport, writeReport } from "../report/write-report";
import { runScenario } from "../drivers/scenario/run-scenario";
import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { validateSpec } from "../drivers/scenario/spec";
import type { ChaosArgs } from "./args";
import { capturingLogs, indent } from "./capture-logs";
import { EXIT } from "./exit-codes";
import { nothingJudged } from "./nothing-judged";
import { resolveSettings, withTargetHarness } from "./suite";
import { describeTarget, reportTarget, type TargetRun } from "./target-run";

/** The default scenario set against the run's target: verdict table, report files, exit code (1 when nothing was judged). */
export async function runScenarioSuite(args: ChaosArgs, run: TargetRun): Promise<number> {
  const known = new Set(DEFAULT_SCENARIOS.map((s) => s.name));
  const unknownNames = (args.only ?? []).filter((n) => !known.has(n));
  if (unknownNames.length > 0) {
    console.error(`cronstorm: --only names unknown scenario(s) ${unknownNames.join(", ")}; run \`cronstorm list\``);
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
  const serverKind = await withTargetHarness(args, settings, run, async (context, stage, kind) => {
    console.info(`cronstorm: ${scenarios.length} scenarios on ${kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}`);
    console.info(`           ${describeTarget(run)}\n`);
    for (const spec of scenarios) {
      const { value: result, logs } = await capturingLogs(() => runScenario(spec, context, stage));
      results.push(result);
      console.info(`  ${MARK[result.status]} ${spec.name}${result.status === "unavailable" ? ` (unavailable: ${result.verdicts[0]?.detail ?? ""})` : ""}`);
      // Injected faults make the app log errors on purpose; show them only where a scenario failed.
      if ((result.status === "fail" || result.status === "unknown") && logs.length > 0) console.info(indent(logs.slice(-30).join("\n")));
    }
    return kind;
  });

  const report = buildReport({
    startedAt,
    baseSeed,
    timeScale: scale.factor,
    database: serverKind,
    target: reportTarget(run),
    scenarios: results,
  });
  console.info(`\n${textTable(VERDICT_HEADER, verdictRows(results))}\n`);
  const findings = scenarioFindings(results);
  if (findings.length > 0) console.info(`Why:\n${findings.map((f) => `  ${f}`).join("\n")}\n`);
  const dir = await writeReport(report);
  console.info(`Durations are production seconds (time scale ×${scale.factor}). Report: ${dir}/report.md`);
  const failing = results.filter((r) => r.status === "fail" || r.status === "unknown");
  const unavailableRows = results.flatMap((r) => r.verdicts).filter((v) => v.status === "unavailable").length;
  for (const result of failing) console.error(`rerun ${result.name}: ${rerunCommand(result, run.flags)}`);
  const exitCode = verdictLine(results, failing.length, unavailableRows, run, report.status);
  if (args.json) await writeVerdictsFile(args.json, { kind: "scenarios", exitCode, baseSeed, timeScale: scale.factor, target: run.target.name, entries: results.map((r) => scenarioEntry(r, run.flags)) });
  return exitCode;
}

/** Prints the run's last line and returns its exit code (1 when nothing was judged). */
function verdictLine(results: ScenarioResult[], failing: number, unavailableRows: number, run: TargetRun, status: string): number {
  if (failing === 0 && nothingJudged(results.flatMap((r) => r.verdicts.map((v) => v.status)))) {
    console.error(`\nVERDICT: nothing was judged: every selected scenario is unavailable for target "${run.target.name}" (reasons in the table)`);
    return EXIT.verdictFailed;
  }
  const note = unavailableRows > 0 ? ` (${unavailableRows} verdict(s) unavailable for this target; see the table)` : "";
  console.info(failing === 0 ? `\nVERDICT: PASS${note}` : `\nVERDICT: ${status.toUpperCase()} (${failing} scenario(s))${note}`);
  return failing === 0 ? EXIT.pass : EXIT.verdictFailed;
}

const MARK = { pass: "✓", fail: "✗", unknown: "?", unavailable: "-" } as const;
