import type { BenchBlob, Blob, CatalogBlob } from "./blob";
import { BlobInputError } from "./blob-input-error";
import type { BlobFile } from "./read-blobs";
import { describeShard, shareOf } from "./shard";

/** The blobs of one whole run, in shard order, by kind. */
export type CompleteRun = { kind: "catalog"; blobs: CatalogBlob[] } | { kind: "bench"; blobs: BenchBlob[] };

/**
 * Refuses what would make the merged report lie: blobs of different kinds or of different runs, a shard
 * twice, a shard missing, or a blob whose results are not its share. Throws BlobInputError naming the
 * files; otherwise returns the blobs ordered by shard.
 */
export function checkShards(files: readonly BlobFile[]): CompleteRun {
  const [first] = files;
  if (!first) throw new BlobInputError("cronstorm merge-reports: no blobs to merge");
  refuseMixedKinds(files);
  for (const other of files.slice(1)) refuseOtherRun(first, other);
  const ordered = refuseDuplicatesAndGaps(files, first.blob.shard.total);
  for (const { file, blob } of ordered) refuseWrongShare(file, blob);
  const blobs = ordered.map((f) => f.blob);
  return first.blob.kind === "catalog" ? { kind: "catalog", blobs: blobs as CatalogBlob[] } : { kind: "bench", blobs: blobs as BenchBlob[] };
}

function refuseMixedKinds(files: readonly BlobFile[]): void {
  const byKind = groupBy(files, (f) => f.blob.kind);
  if (byKind.size < 2) return;
  const listed = [...byKind].map(([kind, of]) => `${kind} (${names(of)})`).join(" and ");
  throw new BlobInputError(`cronstorm merge-reports: the blob directory mixes kinds of run: ${listed}. Merge one run's blobs at a time: give each its own --blob-dir`);
}

/** Shards of one run agree on their number and on every field of the run's identity. */
function refuseOtherRun(first: BlobFile, other: BlobFile): void {
  const why = first.blob.shard.total !== other.blob.shard.total
    ? `one is split in ${first.blob.shard.total} shards, the other in ${other.blob.shard.total}`
    : differingField(first.blob.run, other.blob.run);
  if (why) throw new BlobInputError(`cronstorm merge-reports: ${first.file} and ${other.file} are not shards of one run: ${why}. Remove the stale blobs (or run every shard again with the same flags)`);
}

const FIELD_NAMES: Record<string, string> = {
  cronstormVersion: "cronstorm versions",
  entries: "selected entries (--only)",
  cells: "sweep cells (--budgets, --latency, --timeouts, --retries, --concurrency, --no-control)",
  baseSeed: "base seeds (--seed, CRONSTORM_SEED)",
  seed: "seeds (--seed, CRONSTORM_SEED)",
  timeScale: "time scales (--scale)",
  target: "targets (--target, --mode)",
  settings: "simulation settings (--window, --interval, --arrivals, …)",
  everyUnavailable: "targets' availability",
  accuracy: "accuracy settings (--skip-accuracy)",
  micro: "micro-benchmark settings (--skip-micro)",
};

/** The first field of the run identity on which two blobs differ, worded for the user; undefined: none. */
export function differingField(a: Blob["run"], b: Blob["run"]): string | undefined {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const [x, y] = [canonical(left[key]), canonical(right[key])];
    if (x !== y) return `their ${FIELD_NAMES[key] ?? key} differ: ${abbreviate(x)} vs ${abbreviate(y)}`;
  }
  return undefined;
}

function refuseDuplicatesAndGaps(files: readonly BlobFile[], total: number): BlobFile[] {
  const byIndex = groupBy(files, (f) => f.blob.shard.index);
  for (const [index, of] of byIndex) {
    if (of.length > 1) throw new BlobInputError(`cronstorm merge-reports: shard ${index}/${total} is there twice (${names(of)}): keep the blob of one run`);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const have = [...byIndex.keys()].sort((x, y) => x - y).map((i) => `${i}/${total}`).join(", ");
    throw new BlobInputError(`cronstorm merge-reports: shard ${missing.map((i) => `${i}/${total}`).join(", ")} missing (have ${have}): every shard must finish and leave its blob before the merge, or the report would leave its share out`);
  }
  return [...files].sort((x, y) => x.blob.shard.index - y.blob.shard.index);
}

/** A blob holds exactly its shard's share of the run, in order: anything else was edited or cut short. */
function refuseWrongShare(file: string, blob: Blob): void {
  const expected = blob.kind === "catalog" ? shareOf(blob.run.entries, blob.shard) : shareOf(blob.run.cells, blob.shard);
  const held = blob.kind === "catalog" ? catalogShareHeld(blob) : blob.cells.map((c) => c.label);
  if (canonical(held) !== canonical(expected)) {
    throw new BlobInputError(`cronstorm merge-reports: ${file} holds ${abbreviate(canonical(held))} but shard ${describeShard(blob.shard)} of its run is ${abbreviate(canonical(expected))}: the blob was edited or cut short`);
  }
}

/** The entries a catalog shard accounts for, those it ran and those its machine skipped, in selection order. */
function catalogShareHeld(blob: CatalogBlob): string[] {
  const position = (name: string) => blob.run.entries.indexOf(name);
  return [...blob.results.map((r) => r.name), ...blob.skipped.map((s) => s.name)].sort((x, y) => position(x) - position(y));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const names = (files: readonly BlobFile[]) => files.map((f) => f.file).join(", ");

/** JSON with sorted keys: blobs written by different processes need not order their keys alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
  ) ?? "undefined";
}

const abbreviate = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);
