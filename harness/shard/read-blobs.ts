import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { BLOB_KINDS, BLOB_SCHEMA_VERSION, BLOB_TOOL, type Blob } from "./blob";
import { BlobInputError } from "./blob-input-error";

/** A blob and the file it came from (relative to the blob directory), for messages that name it. */
export interface BlobFile {
  file: string;
  blob: Blob;
}

/**
 * Every blob in `dir` and in its subdirectories one level down: actions/download-artifact puts each
 * artifact in a directory of its own unless told to merge them. (No deeper: pointed at a project's root
 * by mistake, it must not walk node_modules.) Every .json file there must be a blob of this schema
 * version; anything else is refused by name rather than skipped, since a skipped shard is a missing one.
 */
export async function readBlobs(dir: string): Promise<BlobFile[]> {
  const isDirectory = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new BlobInputError(`cronstorm merge-reports: no blob directory at ${dir}: run \`cronstorm catalog --shard i/n\` (or \`bench --shard i/n\`) first, or name the directory holding the blobs`);
  const files = (await jsonFilesUnder(dir)).sort();
  if (files.length === 0) throw new BlobInputError(`cronstorm merge-reports: no blob (*.json) in ${dir}: every shard writes one into its --blob-dir (default blob-report/)`);
  return Promise.all(files.map(async (path) => ({ file: relative(dir, path), blob: parseBlob(relative(dir, path), await readFile(path, "utf8")) })));
}

async function jsonFilesUnder(dir: string, depth = 1): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const here = entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => join(dir, e.name));
  if (depth === 0) return here;
  const below = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => jsonFilesUnder(join(dir, e.name), depth - 1)));
  return [...here, ...below.flat()];
}

/** Checks what merge relies on before it trusts the rest: the tool, the schema version, the kind, the shard. */
export function parseBlob(file: string, text: string): Blob {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BlobInputError(`cronstorm merge-reports: ${file} is not JSON (${(error as Error).message}): a blob cut short by a failed upload?`, { cause: error });
  }
  const blob = value as Partial<Blob> | null;
  if (typeof blob !== "object" || blob === null || blob.tool !== BLOB_TOOL) throw new BlobInputError(`cronstorm merge-reports: ${file} is not a cronstorm blob (no "tool": "${BLOB_TOOL}"); keep only blobs in the blob directory`);
  if (blob.schemaVersion !== BLOB_SCHEMA_VERSION) {
    throw new BlobInputError(`cronstorm merge-reports: ${file} has blob schema version ${String(blob.schemaVersion)}; this cronstorm reads version ${BLOB_SCHEMA_VERSION}: merge with the cronstorm version that wrote the blobs`);
  }
  if (!(BLOB_KINDS as readonly unknown[]).includes(blob.kind)) throw new BlobInputError(`cronstorm merge-reports: ${file} has kind ${JSON.stringify(blob.kind)}; a blob is a ${BLOB_KINDS.join(" or ")} run`);
  const { index, total } = blob.shard ?? {};
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(total) || (index ?? 0) < 1 || (index ?? 0) > (total ?? 0)) {
    throw new BlobInputError(`cronstorm merge-reports: ${file} names no valid shard (${JSON.stringify(blob.shard)}); a shard is i of n with 1 ≤ i ≤ n`);
  }
  // The body merge reads: a header intact over an edited or truncated body must still be refused by name.
  const body = blob as { run?: { entries?: unknown; cells?: unknown }; results?: unknown; cells?: unknown };
  const lists = blob.kind === "catalog" ? { "run.entries": body.run?.entries, results: body.results } : { "run.cells": body.run?.cells, cells: body.cells };
  for (const [field, list] of Object.entries(lists)) {
    if (!Array.isArray(list)) throw new BlobInputError(`cronstorm merge-reports: ${file} has no ${field} list (got ${JSON.stringify(list)}); the blob was edited or cut short`);
  }
  return blob as Blob;
}
