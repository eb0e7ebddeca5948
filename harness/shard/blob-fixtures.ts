import type { CellResult } from "../drivers/bench/cell";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import { type BenchBlob, BLOB_SCHEMA_VERSION, BLOB_TOOL, type CatalogBlob, CRONSTORM_VERSION } from "./blob";
import type { BlobFile } from "./read-blobs";
import { type Shard, shareOf } from "./shard";

/** Blobs as the shards of one run would write them, for the merge's unit tests (no database involved). */

const SETTINGS = { windowMs: 120_000, intervalMs: 60_000, jitterMs: 0, duplicateRate: 0, arrivalsPerMinute: 2, initialBacklog: 4, saturationInFlight: 8, rateLimitPerMinute: 120 };

export function chaosResult(name: string, asExpected = true): ChaosResult {
  return {
    name,
    fault: `${name}-fault`,
    models: "what it models",
    target: "src",
    mode: "shared",
    expect: "survives",
    baseSeed: 9403,
    seed: name.length,
    timeScale: 60,
    status: asExpected ? "pass" : "fail",
    asExpected,
    verdicts: [
      { invariant: "fault fired", status: "pass", detail: "fired" },
      { invariant: "mutual exclusion", status: asExpected ? "pass" : "fail", detail: "one run at a time" },
    ],
    figures: { ticks: 3, invocations: 3, proceeded: 3, locked: 0, errors: 0, unknown: 0 },
  };
}

export function catalogBlob(shard: Shard, entries: string[], change: Partial<CatalogBlob["run"]> = {}): CatalogBlob {
  const run = { cronstormVersion: CRONSTORM_VERSION, entries, baseSeed: 9403, timeScale: 60, target: { name: "src", kind: "module" as const, mode: "shared" as const, flags: "" }, everyUnavailable: false, ...change };
  return {
    schemaVersion: BLOB_SCHEMA_VERSION,
    tool: BLOB_TOOL,
    kind: "catalog",
    shard,
    run,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, shard.index)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 1, shard.index)).toISOString(),
    database: "embedded",
    target: { name: "src", kind: "module", mode: "shared", where: `/machine-${shard.index}/src/route.ts`, flags: "" },
    skipped: [],
    results: shareOf(run.entries, shard).map((name) => chaosResult(name)),
  };
}

export function cellResult(label: string): CellResult {
  return {
    cell: { budgetMs: 120_000, latencyName: "normal", latency: { kind: "fixed", ms: 1_000 }, openaiTimeoutMs: 60_000, openaiMaxRetries: 2, concurrency: 4, lock: "on" },
    label,
    seed: label.length,
    timeScale: 120,
    wallSeconds: 1,
    harnessOverheadWallMs: 0,
    metrics: { jobsCompletedPerHour: 180, jobsCompleted: 6, jobsFailed: 0, runs: 2, runSeconds: { p50: 8, p95: 9, max: 9 }, ticks: 2, ticksSkippedLocked: 0, overlappingRunPairs: 0, openaiPeakInFlight: 4, openai429s: 0, openaiTimeouts: 0, runsOverInterval: 0, runsOverMaxDuration: 0, finalBacklog: 2 },
    timeline: { backlog: [], runs: [], holds: [], skips: [], inFlight: [] },
  };
}

export function benchBlob(shard: Shard, cells: string[]): BenchBlob {
  const first = shard.index === 1;
  return {
    schemaVersion: BLOB_SCHEMA_VERSION,
    tool: BLOB_TOOL,
    kind: "bench",
    shard,
    run: { cronstormVersion: CRONSTORM_VERSION, cells, seed: 9403, timeScale: 120, settings: SETTINGS, target: { name: "src", config: null }, accuracy: false, micro: true },
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, shard.index)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 1, shard.index)).toISOString(),
    target: { name: "src", module: "/src/route.ts" },
    cells: shareOf(cells, shard).map(cellResult),
    accuracy: first ? { referenceScale: 12, throughputErrorPercent: null, note: "not measured in this run (--skip-accuracy)" } : null,
    micro: first ? [{ name: "select 1", meanMs: 0.1, p99Ms: 0.2, samples: 100, ratioToSelect1: 1 }] : null,
  };
}

/** Each blob under the name its shard writes, as read from a blob directory. */
export const asFiles = (blobs: (CatalogBlob | BenchBlob)[]): BlobFile[] => blobs.map((blob) => ({ file: `${blob.kind}-${blob.shard.index}-of-${blob.shard.total}.json`, blob }));
