import { type Shard, parseShardFlag } from "../shard/shard";

/** `--shard` and `--blob-dir`, shared by `cronstorm catalog` and `cronstorm bench`. */
export interface ShardArgs {
  /** This run's share of the selection; undefined: the whole selection. */
  shard: Shard | undefined;
  /** Where the blob goes, as given; undefined: blob-report/ for a sharded run, no blob for an unsharded one. */
  blobDir: string | undefined;
}

/** Playwright's default, so a CI config written for one reads the same for the other. */
export const DEFAULT_BLOB_DIR = "blob-report";

export const SHARD_OPTIONS = {
  shard: { type: "string" },
  "blob-dir": { type: "string" },
} as const;

/** Throws naming the flag and what it takes. */
export function readShardArgs(values: { shard?: string; "blob-dir"?: string }): ShardArgs {
  const blobDir = values["blob-dir"];
  if (blobDir !== undefined && blobDir.trim() === "") throw new Error('cronstorm: --blob-dir takes a directory, got ""');
  return { shard: parseShardFlag(values.shard), blobDir: blobDir?.trim() };
}

/** The directory this run writes its blob into, or undefined when it writes none. */
export function blobDirOf(args: ShardArgs): string | undefined {
  return args.blobDir ?? (args.shard ? DEFAULT_BLOB_DIR : undefined);
}
