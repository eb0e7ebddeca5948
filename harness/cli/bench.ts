import { referenceScaleFor } from "../drivers/bench/accuracy";
import { accuracyForReport, accuracyWarning } from "../drivers/bench/accuracy-report";
import type { BenchReport } from "../drivers/bench/bench-report";
import { BENCH_SCHEMA_VERSION, cellTable } from "../drivers/bench/bench-report";
import { type CellResult, cellLabel } from "../drivers/bench/cell";
import { formatDuration } from "../drivers/bench/durations";
import { runMicrobench } from "../drivers/bench/microbench";
import { progressBar } from "../drivers/bench/progress";
import { reportHtml } from "../drivers/bench/report-html";
import { reportMarkdownBench } from "../drivers/bench/report-md";
import { simulateCell } from "../drivers/bench/simulate-cell";
import { sweepCells } from "../drivers/bench/sweep";
import { budgetHeadline } from "../drivers/bench/headline";
import { publishReport, runIdOf } from "../report/write-report";
import { textTable } from "../report/verdict-table";
import { baseSeedFromEnv, scenarioSeed } from "../trial/seeds";
import { defaultTargetArg, loadTarget } from "../target/load-target";
import { srcTarget } from "../target/src-target";
import type { ModuleTarget } from "../target/target";
import { openTargetSession } from "../target/target-session";
import { TimeScale } from "../time-scale";
import { BENCH_HELP, parseBenchArgs } from "./bench-args";
import { capturingLogs } from "./capture-logs";
import { onInterrupt } from "./interrupt";

/** `cronstorm bench`: sweeps run settings over cells and writes the budget report; resolves to the exit code. */
export async function benchMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
    if (args.help) return void console.info(BENCH_HELP), 0;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  let target: ModuleTarget;
  try {
    target = await benchTargetFor(args.target ?? defaultTargetArg());
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const seed = args.seed ?? baseSeedFromEnv();
  const scale = new TimeScale(args.scale);
  // Only src/ has a lock-less twin of its route to measure the lock against.
  const cells = sweepCells({ ...args.axes, control: args.axes.control && target.builtIn });
  const startedAt = new Date();
  console.info(`cronstorm bench: ${target.name}, ${cells.length} cells × ${args.settings.windowMs / 60_000} simulated min at ×${scale.factor}, seed ${seed}`);
  const session = await openTargetSession(target, "shared", undefined);
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
      const context = { scratch: session.scratch, target, scale, seed: scenarioSeed(seed, cellLabel(cell, formatDuration)), onTick: (ms: number, of: number) => progress.update(index + 1, ms, of) };
      const { value } = await capturingLogs(() => simulateCell(cell, args.settings, context));
      results.push(value);
    }
    progress.done();
    const first = cells[0];
    if (args.accuracy && first) {
      accuracy = (await capturingLogs(() => accuracyForReport(first, args.settings, scale, { scratch: session.scratch, target, seed }))).value;
      const warning = accuracyWarning(accuracy);
      if (warning) console.warn(warning);
    }
    // The micro-benchmarks price src/'s lock path (its SQL on a dedicated session), on the scratch
    // template, never a user's database; another app's lock path is its own, so they are left out.
    if (args.micro && target.builtIn) micro = await runMicrobench(session.scratch.server.url(session.scratch.templateName));
    else if (args.micro) console.info("Micro-benchmarks skipped: they price src/'s lock path, not this target's.");
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
    target: { name: target.name, module: target.module },
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

/** src/, or the module target `--target` names; the bench runs it in this process, so it needs its reset. */
async function benchTargetFor(config: string | undefined): Promise<ModuleTarget> {
  if (config === undefined) return srcTarget();
  if (config.trim() === "") throw new Error("cronstorm bench: --target takes a cronstorm.config.ts or the folder holding one; got an empty value");
  const target = await loadTarget(config);
  if (target.kind !== "module") throw new Error(`cronstorm bench: --target ${config} is an HTTP target; the bench sweeps run settings, which an app you started keeps fixed. Give it a route module target.`);
  if (!target.resetModuleState) throw new Error(`cronstorm bench: --target ${config}: the bench runs each cell on a database of its own in this process, so the target needs resetModuleState (close its pool). Nothing was started.`);
  return target;
}
