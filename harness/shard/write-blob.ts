import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Blob, blobFileName } from "./blob";

/**
 * Writes the blob into `dir` (created if needed) and returns its path. Other files there are left alone:
 * the other shards' blobs may already be in it; a stale one from another run is what merge-reports refuses.
 * Written under a temporary name and renamed, so a merge never reads half a blob.
 */
export async function writeBlob(dir: string, blob: Blob): Promise<string> {
  const directory = resolve(dir);
  await mkdir(directory, { recursive: true });
  const file = join(directory, blobFileName(blob));
  const staged = `${file}.${process.pid}.partial`;
  await writeFile(staged, `${JSON.stringify(blob)}\n`);
  await rename(staged, file);
  return file;
}
