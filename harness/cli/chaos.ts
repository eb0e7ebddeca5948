import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import type { HarnessContext } from "../context";
import { rerunCommand } from "../report/format-failure";
import { textTable, VERDICT_HEADER, verdictRows } from "../report/verdict-table";
import { buildReport, writeReport } from "../report/write-report";
import { runScenario, type ScenarioResult } from "../scenario/run-scenario";
import { baseSeedFromEnv } from "../scenario/seeds";
import { validateSpec } from "../scenario/spec";
import { openDatabaseSession, timeScaleFromEnv } from "../session";
import { TimeScale } from "../time-scale";
import { CHAOS_HELP, parseChaosArgs } from "./args";
import { onInterrupt } from "./interrupt";
import { capturingLogs, indent } from "./capture-logs";

async function main(): Promise<number> {
  let args;
  try {
    args = parseChaosArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.help) return void console.info(CHAOS_HELP), 0;
  if (args.list) {
    for (const s of DEFAULT_SCENARIOS) console.info(`${s.name.padEnd(32)} ${s.proves}`);
    return 0;
  }
  const known = new Set(DEFAULT_SCENARIOS.map((s) => s.name));
  const unknownNames = (args.only ?? []).filter((n) => !known.has(n));
  if (unknownNames.length > 0) {
    console.error(`cronstorm: --only names unknown scenario(s) ${unknownNames.join(", ")}; run \`npm run chaos -- --list\``);
    return 2;
  }
  const scenarios = DEFAULT_SCENARIOS.filter((s) => !args.only || args.only.includes(s.name));
  let baseSeed: number;
  let scale: TimeScale;
  try {
    scenarios.forEach(validateSpec);
    baseSeed = args.seed ?? baseSeedFromEnv();
    scale = args.scale ? new TimeScale(args.scale) : timeScaleFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }

  const startedAt = new Date();
  const session = await openDatabaseSession();
  const stopWatching = onInterrupt(() => session.close());
  const results: ScenarioResult[] = [];
  try {
    const context: HarnessContext = { scratch: session.scratch, scale, baseSeed, keepFailedDatabases: args.keepDb || process.env.CRONSTORM_KEEP_DB === "1" };
    console.info(`cronstorm: ${scenarios.length} scenarios on ${session.server.kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    for (const spec of scenarios) {
      const { value: result, logs } = await capturingLogs(() => runScenario(spec, context));
      results.push(result);
      console.info(`  ${result.status === "pass" ? "✓" : "✗"} ${spec.name}`);
      // Injected faults make the app log errors on purpose; show them only where a scenario failed.
      if (result.status !== "pass" && logs.length > 0) console.info(indent(logs.slice(-30).join("\n")));
    }
  } finally {
    stopWatching();
    await session.close();
  }

  const report = buildReport({
    runId: startedAt.toISOString().replace(/[:.]/g, "-"),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    baseSeed,
    timeScale: scale.factor,
    database: session.server.kind,
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
