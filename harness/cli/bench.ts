import { resolve } from "node:path";
import { cellTable } from "../drivers/bench/bench-report";
import { cellLabel, type CellSpec } from "../drivers/bench/cell";
import { formatDuration } from "../drivers/bench/durations";
import { sweepCells } from "../drivers/bench/sweep";
import { textTable } from "../report/verdict-table";
import { type BenchBlob, BLOB_SCHEMA_VERSION, BLOB_TOOL, CRONSTORM_VERSION } from "../shard/blob";
import { mergeBenchBlobs } from "../shard/merge-bench";
import { describeShard, shareOf, WHOLE_RUN } from "../shard/shard";
import { writeBlob } from "../shard/write-blob";
import { baseSeedFromEnv } from "../trial/seeds";
import { defaultTargetArg, loadTarget } from "../target/load-target";
import { srcTarget } from "../target/src-target";
import type { ModuleTarget } from "../target/target";
import { TimeScale } from "../time-scale";
import { type BenchArgs, BENCH_HELP, parseBenchArgs } from "./bench-args";
import { type MeasuredShare, measureShare } from "./bench-share";
import { concludeBench } from "./bench-verdict";
import { EXIT } from "./exit-codes";
import { blobDirOf } from "./shard-args";

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
  const shard = args.shard ?? WHOLE_RUN;
  const share = shareOf(cells, shard);
  const startedAt = new Date();
  const of = args.shard ? `, shard ${describeShard(args.shard)}: ${share.length} of` : "";
  console.info(`cronstorm bench: ${target.name}${of} ${cells.length} cells × ${args.settings.windowMs / 60_000} simulated min at ×${scale.factor}, seed ${seed}`);
  // Accuracy and micro-benchmarks describe the run, not a cell: measured once, by shard 1.
  const measured = await measureShare({ cells: share, firstOfSweep: cells[0], measuresRun: shard.index === 1 }, args, target, scale, seed);
  const blob = benchBlob({ startedAt, target, seed, scale, sweep: cells, args }, measured);
  const blobDir = blobDirOf(args);
  if (blobDir !== undefined) console.info(`Blob (shard ${describeShard(shard)}): ${await writeBlob(resolve(blobDir), blob)}`);
  // Unsharded, the run is its own one shard: the same merge builds its report, so a merged run cannot differ.
  if (!args.shard) return concludeBench(mergeBenchBlobs([blob]));
  // A shard writes no report of its own: a report of part of the sweep would read as the sweep's.
  const { header, rows } = cellTable(blob.cells);
  if (blob.cells.length > 0) console.info(`\n${textTable(header, rows)}\n`);
  console.info(`Once every shard has left its blob in ${blobDir}/, \`npx cronstorm merge-reports ${blobDir}\` writes the sweep's report.`);
  return EXIT.pass;
}

/** This run's blob: its cells, and the identity of the whole sweep that merge-reports checks. */
function benchBlob(run: { startedAt: Date; target: ModuleTarget; seed: number; scale: TimeScale; sweep: CellSpec[]; args: BenchArgs }, measured: MeasuredShare): BenchBlob {
  const { args } = run;
  return {
    schemaVersion: BLOB_SCHEMA_VERSION,
    tool: BLOB_TOOL,
    kind: "bench",
    shard: args.shard ?? WHOLE_RUN,
    run: {
      cronstormVersion: CRONSTORM_VERSION,
      cells: run.sweep.map((cell) => cellLabel(cell, formatDuration)),
      seed: run.seed,
      timeScale: run.scale.factor,
      settings: args.settings,
      target: { name: run.target.name, config: args.target ?? null },
      accuracy: args.accuracy,
      micro: args.micro,
    },
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    target: { name: run.target.name, module: run.target.module },
    cells: measured.cells,
    accuracy: measured.accuracy,
    micro: measured.micro,
  };
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
