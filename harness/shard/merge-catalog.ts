import type { ChaosResult } from "../drivers/catalog/chaos-result";
import type { ReportTarget } from "../report/write-report";
import type { CatalogBlob } from "./blob";
import { describeShard } from "./shard";

/** The whole catalog run rebuilt from its shards: what the unsharded run would have held at its end. */
export interface MergedCatalog {
  results: ChaosResult[];
  skipped: { name: string; reason: string; shard: string }[];
  startedAt: Date;
  finishedAt: Date;
  database: string;
  target: ReportTarget;
  baseSeed: number;
  timeScale: number;
  everyUnavailable: boolean;
}

/**
 * Merges the checked blobs of one run (checkShards): results back in the selection's order, whatever
 * the split; the run spans its earliest start to its latest finish, so its report id is the first
 * shard's start and merging again rewrites the same report.
 */
export function mergeCatalogBlobs(blobs: readonly CatalogBlob[]): MergedCatalog {
  const [first] = blobs;
  if (!first) throw new Error("cronstorm: mergeCatalogBlobs needs the blobs of at least one shard");
  const { entries } = first.run;
  const position = (name: string) => entries.indexOf(name);
  const results = blobs.flatMap((b) => b.results).sort((x, y) => position(x.name) - position(y.name));
  const skipped = blobs.flatMap((b) => b.skipped.map((s) => ({ ...s, shard: describeShard(b.shard) }))).sort((x, y) => position(x.name) - position(y.name));
  return {
    results,
    skipped,
    ...spanOf(blobs),
    database: databaseOf(blobs),
    target: first.target,
    baseSeed: first.run.baseSeed,
    timeScale: first.run.timeScale,
    everyUnavailable: first.run.everyUnavailable,
  };
}

/** The earliest start and the latest finish of the shards. */
export function spanOf(blobs: readonly { startedAt: string; finishedAt: string }[]): { startedAt: Date; finishedAt: Date } {
  const starts = blobs.map((b) => Date.parse(b.startedAt));
  const finishes = blobs.map((b) => Date.parse(b.finishedAt));
  return { startedAt: new Date(Math.min(...starts)), finishedAt: new Date(Math.max(...finishes)) };
}

/** The servers the shards ran on: one kind as an unsharded run names it; shards on different kinds are all named. */
function databaseOf(blobs: readonly CatalogBlob[]): string {
  const kinds = [...new Set(blobs.map((b) => b.database).filter((k): k is string => k !== null))];
  return kinds.length === 0 ? "none" : kinds.join(" + ");
}
