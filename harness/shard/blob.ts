import { createRequire } from "node:module";
import type { BenchReport } from "../drivers/bench/bench-report";
import type { CellResult, SimulationSettings } from "../drivers/bench/cell";
import type { MicroResult } from "../drivers/bench/microbench";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import type { ReportTarget } from "../report/write-report";
import type { Shard } from "./shard";

/**
 * A blob is one shard's results with everything `cronstorm merge-reports` needs to rebuild the report of
 * the whole run. Bump the version on any change a merge of old and new blobs would misread: merge refuses
 * any version but its own rather than guess.
 */
export const BLOB_SCHEMA_VERSION = 1;
export const BLOB_TOOL = "cronstorm-blob";
export const BLOB_KINDS = ["catalog", "bench"] as const;
export type BlobKind = (typeof BLOB_KINDS)[number];

/** cronstorm's own version: shards written by different versions may disagree on what an entry does. */
export const CRONSTORM_VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

interface BlobHeader<K extends BlobKind, R> {
  schemaVersion: typeof BLOB_SCHEMA_VERSION;
  tool: typeof BLOB_TOOL;
  kind: K;
  shard: Shard;
  /** What makes the shards parts of one run: equal in every blob of a merge, field by field. */
  run: R;
  startedAt: string;
  finishedAt: string;
}

/** A catalog run, as every one of its shards computes it. Machine-specific paths are left out on purpose. */
export interface CatalogRunIdentity {
  cronstormVersion: string;
  /** The selected entries (after --only, before a machine without PgBouncer skips some), in catalog order. */
  entries: string[];
  baseSeed: number;
  timeScale: number;
  /** The target as the flags select it; its module path or URL is per machine and lives in `target`. */
  target: Omit<ReportTarget, "where">;
  /** An HTTP target none of the selected entries can run on: the run reports them all unavailable and exits 1. */
  everyUnavailable: boolean;
}

export interface CatalogBlob extends BlobHeader<"catalog", CatalogRunIdentity> {
  /** The kind of PostgreSQL the share ran on; null when the share had nothing to run (none was started). */
  database: string | null;
  /** The report's target as this machine resolved it. */
  target: ReportTarget;
  /** Entries of the share this machine skipped (PgBouncer not installed), with why. */
  skipped: { name: string; reason: string }[];
  /** The share's results, in selection order. */
  results: ChaosResult[];
}

/** A bench sweep, as every one of its shards computes it. */
export interface BenchRunIdentity {
  cronstormVersion: string;
  /** The sweep's cell labels in order (each label names every axis of its cell, and seeds it). */
  cells: string[];
  seed: number;
  timeScale: number;
  settings: SimulationSettings;
  /** The target's name and the --target it was given (null: src/). */
  target: { name: string; config: string | null };
  accuracy: boolean;
  micro: boolean;
}

export interface BenchBlob extends BlobHeader<"bench", BenchRunIdentity> {
  /** The report's target as this machine resolved it. */
  target: BenchReport["target"];
  /** The share's cells, in sweep order. */
  cells: CellResult[];
  /** Measured once per run, by shard 1 (it always holds the sweep's first cell); null in the others. */
  accuracy: BenchReport["accuracy"] | null;
  micro: MicroResult[] | null;
}

export type Blob = CatalogBlob | BenchBlob;

/** One file per kind and shard: the shards of a CI matrix download side by side into one directory. */
export const blobFileName = (blob: Pick<Blob, "kind" | "shard">) => `cronstorm-${blob.kind}-shard-${blob.shard.index}-of-${blob.shard.total}.json`;
