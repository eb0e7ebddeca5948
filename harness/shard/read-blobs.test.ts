import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogBlob } from "./blob-fixtures";
import { readBlobs } from "./read-blobs";
import { writeBlob } from "./write-blob";

const ENTRIES = ["kill-holder", "unlock-fails", "duplicate-delivery"];

describe("the blob directory", () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "cronstorm-blobs-"))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads back what the shards wrote, each blob under its own name", async () => {
    const blobs = [catalogBlob({ index: 1, total: 2 }, ENTRIES), catalogBlob({ index: 2, total: 2 }, ENTRIES)];
    for (const blob of blobs) await writeBlob(dir, blob);
    const read = await readBlobs(dir);
    expect(read.map((r) => r.file)).toEqual(["cronstorm-catalog-shard-1-of-2.json", "cronstorm-catalog-shard-2-of-2.json"]);
    expect(read.map((r) => r.blob)).toEqual(blobs);
  });

  it("finds blobs in subdirectories, as actions/download-artifact lays out artifacts it was not told to merge", async () => {
    await writeBlob(join(dir, "blob-report-1"), catalogBlob({ index: 1, total: 2 }, ENTRIES));
    await writeBlob(join(dir, "blob-report-2"), catalogBlob({ index: 2, total: 2 }, ENTRIES));
    // No deeper: pointed at a project's root, it must not walk node_modules.
    await writeBlob(join(dir, "a", "b"), catalogBlob({ index: 2, total: 2 }, ENTRIES));
    expect((await readBlobs(dir)).map((r) => r.file)).toEqual([join("blob-report-1", "cronstorm-catalog-shard-1-of-2.json"), join("blob-report-2", "cronstorm-catalog-shard-2-of-2.json")]);
  });

  it.each([
    ["a file cut short", "{\"tool\": \"cronstorm-bl", "cut.json is not JSON"],
    ["another tool's JSON", "{\"name\": \"package\"}", 'cut.json is not a cronstorm blob (no "tool": "cronstorm-blob")'],
    ["another schema version", JSON.stringify({ ...catalogBlob({ index: 1, total: 1 }, ENTRIES), schemaVersion: 2 }), "cut.json has blob schema version 2; this cronstorm reads version 1"],
    ["another kind", JSON.stringify({ ...catalogBlob({ index: 1, total: 1 }, ENTRIES), kind: "chaos" }), 'cut.json has kind "chaos"; a blob is a catalog or bench run'],
    ["a body without its results", JSON.stringify({ ...catalogBlob({ index: 1, total: 1 }, ENTRIES), results: undefined }), "cut.json has no results list"],
    ["a shard past its total", JSON.stringify({ ...catalogBlob({ index: 1, total: 1 }, ENTRIES), shard: { index: 3, total: 2 } }), 'cut.json names no valid shard ({"index":3,"total":2})'],
  ])("refuses %s, naming the file", async (_, content, message) => {
    await writeFile(join(dir, "cut.json"), content);
    await expect(readBlobs(dir)).rejects.toThrow(message);
  });

  it("refuses a directory with no blob, and one that is not there", async () => {
    // A blob still being written has a name of its own: a merge never reads half of one.
    await writeFile(join(dir, "cronstorm-catalog-shard-1-of-1.json.4242.partial"), "{\"tool\": \"cronstorm-bl");
    await expect(readBlobs(dir)).rejects.toThrow(`no blob (*.json) in ${dir}`);
    await expect(readBlobs(join(dir, "missing"))).rejects.toThrow(`no blob directory at ${join(dir, "missing")}`);
  });
});
