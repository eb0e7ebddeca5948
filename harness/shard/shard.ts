/** One shard of a run: the `index`-th of `total` parts of the selection, 1-based as `--shard i/n` reads. */
export interface Shard {
  index: number;
  total: number;
}

/** A run that is not split: what an unsharded run with --blob-dir records in its blob. */
export const WHOLE_RUN: Shard = { index: 1, total: 1 };

export const describeShard = (shard: Shard) => `${shard.index}/${shard.total}`;

/** Strict on purpose: a typo such as `--shard 2-3` or `--shard 3/2` would otherwise run the wrong share, or none, and go green. */
const SHARD_FORM = /^([1-9][0-9]*)\/([1-9][0-9]*)$/;

/** Reads `--shard i/n`; throws naming the flag and the accepted form. undefined: the flag was not given. */
export function parseShardFlag(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const match = SHARD_FORM.exec(raw);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(total) || index > total) {
    throw new Error(`cronstorm: --shard takes i/n, this run's shard i of n with whole numbers 1 ≤ i ≤ n (e.g. --shard 1/2), got "${raw}"`);
  }
  return { index, total };
}

/**
 * The share of `selection` that `shard` runs: every n-th item, starting at position i − 1. It depends only
 * on positions in the full selection, so every machine computes the same split; round robin spreads the
 * catalog's long entries (grouped at its start) over the shards, and shard 1 always holds the first item.
 */
export function shareOf<T>(selection: readonly T[], shard: Shard): T[] {
  return selection.filter((_, position) => position % shard.total === shard.index - 1);
}
