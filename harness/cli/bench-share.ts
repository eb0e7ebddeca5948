import { referenceScaleFor } from "../drivers/bench/accuracy";
import { accuracyForReport, accuracyWarning } from "../drivers/bench/accuracy-report";
import type { BenchReport } from "../drivers/bench/bench-report";
import { type CellResult, type CellSpec, cellLabel } from "../drivers/bench/cell";
import { formatDuration } from "../drivers/bench/durations";
import { runMicrobench } from "../drivers/bench/microbench";
import { progressBar } from "../drivers/bench/progress";
import { simulateCell } from "../drivers/bench/simulate-cell";
import type { ModuleTarget } from "../target/target";
import { openTargetSession } from "../target/target-session";
import type { TimeScale } from "../time-scale";
import { scenarioSeed } from "../trial/seeds";
import type { BenchArgs } from "./bench-args";
import { capturingLogs } from "./capture-logs";
import { onInterrupt } from "./interrupt";

/** What a bench run (or one shard of it) measured. */
export interface MeasuredShare {
  cells: CellResult[];
  /** null when this shard does not measure the run's accuracy and micro-benchmarks (shards 2..n). */
  accuracy: BenchReport["accuracy"] | null;
  micro: BenchReport["micro"] | null;
}

export interface ShareToMeasure {
  /** The cells this run simulates: the whole sweep, or a shard's share of it. */
  cells: CellSpec[];
  /** The sweep's first cell: the accuracy probe's, whichever shard measures it. */
  firstOfSweep: CellSpec | undefined;
  /** Whether this run measures the accuracy and the micro-benchmarks: an unsharded run, or shard 1 of a sharded one. */
  measuresRun: boolean;
}

/**
 * Simulates the cells on one scratch server, then (when it measures the run) the accuracy probe and
 * the micro-benchmarks. Starts no PostgreSQL when there is nothing to measure (an empty shard).
 */
export async function measureShare(share: ShareToMeasure, args: BenchArgs, target: ModuleTarget, scale: TimeScale, seed: number): Promise<MeasuredShare> {
  if (share.cells.length === 0 && !share.measuresRun) return { cells: [], accuracy: null, micro: null };
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
    const progress = progressBar(share.cells.length);
    for (const [index, cell] of share.cells.entries()) {
      // Seeded by the cell's label, not its place in the sweep: one cell replays the same in any sweep or shard.
      const context = { scratch: session.scratch, target, scale, seed: scenarioSeed(seed, cellLabel(cell, formatDuration)), onTick: (ms: number, of: number) => progress.update(index + 1, ms, of) };
      const { value } = await capturingLogs(() => simulateCell(cell, args.settings, context));
      results.push(value);
    }
    progress.done();
    if (!share.measuresRun) return { cells: results, accuracy: null, micro: null };
    const first = share.firstOfSweep;
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
  return { cells: results, accuracy, micro };
}
