import type { BenchReport } from "../drivers/bench/bench-report";
import { BENCH_SCHEMA_VERSION } from "../drivers/bench/bench-report";
import { runIdOf } from "../report/write-report";
import type { BenchBlob } from "./blob";
import { spanOf } from "./merge-catalog";

/**
 * The bench report of the whole sweep from its checked blobs (checkShards): cells back in sweep order,
 * the accuracy and micro-benchmarks shard 1 measured for the run.
 */
export function mergeBenchBlobs(blobs: readonly BenchBlob[]): BenchReport {
  const first = blobs.find((b) => b.shard.index === 1);
  if (!first) throw new Error("cronstorm: mergeBenchBlobs needs shard 1, which measures the run's accuracy and micro-benchmarks");
  const { cells, seed, timeScale, settings } = first.run;
  const position = (label: string) => cells.indexOf(label);
  const { startedAt, finishedAt } = spanOf(blobs);
  return {
    schemaVersion: BENCH_SCHEMA_VERSION,
    tool: "cronstorm-bench",
    runId: runIdOf(startedAt),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    target: first.target,
    seed,
    timeScale,
    accuracy: first.accuracy ?? { referenceScale: 0, throughputErrorPercent: null, note: "not measured: shard 1's blob holds no accuracy" },
    settings,
    cells: blobs.flatMap((b) => b.cells).sort((x, y) => position(x.label) - position(y.label)),
    micro: first.micro ?? [],
  };
}
