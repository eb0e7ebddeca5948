import { referenceScaleFor } from "../bench/accuracy";
import { accuracyForReport, accuracyWarning } from "../bench/accuracy-report";
import type { BenchReport } from "../bench/bench-report";
import { BENCH_SCHEMA_VERSION, cellTable } from "../bench/bench-report";
import { type CellResult, cellLabel } from "../bench/cell";
import { formatDuration } from "../bench/durations";
import { runMicrobench } from "../bench/microbench";
import { progressBar } from "../bench/progress";
import { reportHtml } from "../bench/report-html";
import { reportMarkdownBench } from "../bench/report-md";
import { simulateCell } from "../bench/simulate-cell";
import { sweepCells } from "../bench/sweep";
import { budgetHeadline } from "../bench/headline";
import { publishReport, runIdOf } from "../report/write-report";
import { textTable } from "../report/verdict-table";
import { baseSeedFromEnv, scenarioSeed } from "../scenario/seeds";
import { openDatabaseSession } from "../session";
import { TimeScale } from "../time-scale";
import { BENCH_HELP, parseBenchArgs } from "./bench-args";
import { capturingLogs } from "./capture-logs";
import { onInterrupt } from "./interrupt";

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
    if (args.help) return void console.info(BENCH_HELP), 0;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const seed = args.seed ?? baseSeedFromEnv();
  const scale = new TimeScale(args.scale);
  const cells = sweepCells(args.axes);
  const startedAt = new Date();
  console.info(`cronstorm bench: ${cells.length} cells × ${args.settings.windowMs / 60_000} simulated min at ×${scale.factor}, seed ${seed}`);
  const session = await openDatabaseSession();
  const stopWatching = onInterrupt(() => session.close());
  const results: CellResult[] = [];
  let accuracy: BenchReport["accuracy"] = {
    referenceScale: referenceScaleFor(scale),
    throughputErrorPercent: null,
    note: "not measured in this run (--skip-accuracy)",
  };
  let micro: BenchReport["micro"] = [];
  try {
    const progress = progressBar(cells.length);
    for (const [index, cell] of cells.entries()) {
      // Seeded by the cell's label, not its place in the sweep: one cell replays the same in any sweep.
      const context = { scratch: session.scratch, scale, seed: scenarioSeed(seed, cellLabel(cell, formatDuration)), onTick: (ms: number, of: number) => progress.update(index + 1, ms, of) };
      const { value } = await capturingLogs(() => simulateCell(cell, args.settings, context));
      results.push(value);
    }
    progress.done();
    const first = cells[0];
    if (args.accuracy && first) {
      accuracy = (await capturingLogs(() => accuracyForReport(first, args.settings, scale, { scratch: session.scratch, seed }))).value;
      const warning = accuracyWarning(accuracy);
      if (warning) console.warn(warning);
    }
    if (args.micro) micro = await runMicrobench(session.scratch.server.url(session.scratch.templateName));
  } finally {
    stopWatching();
    await session.close();
  }
  const report: BenchReport = {
    schemaVersion: BENCH_SCHEMA_VERSION,
    tool: "cronstorm-bench",
    runId: runIdOf(startedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seed,
    timeScale: scale.factor,
    accuracy,
    settings: args.settings,
    cells: results,
    micro,
  };
  const dir = await publishReport("bench", report.runId, {
    "results.json": `${JSON.stringify(report, null, 2)}\n`,
    "report.md": reportMarkdownBench(report),
    "report.html": reportHtml(report),
  });
  const { header, rows } = cellTable(results);
  console.info(`\n${textTable(header, rows)}\n`);
  for (const m of micro) console.info(`  ${m.name.padEnd(50)} ${m.meanMs.toFixed(3)} ms  ×${m.ratioToSelect1} select 1`);
  for (const sentence of budgetHeadline(results, args.settings)) console.info(`\n${sentence}`);
  console.info(`\nDurations in production units (×${scale.factor}). Report: ${dir}/report.html`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
