import { describe, expect, it } from "vitest";
import { catalogRows } from "../report/catalog-table";
import { asFiles, benchBlob, catalogBlob, chaosResult } from "./blob-fixtures";
import { checkShards } from "./check-shards";
import { mergeBenchBlobs } from "./merge-bench";
import { mergeCatalogBlobs } from "./merge-catalog";

const ENTRIES = ["kill-holder", "pause-holder", "unlock-fails", "duplicate-delivery", "connection-exhaustion"];
const CELLS = ["budget 2m · lock on", "budget 4m · lock on", "budget 8m · lock on", "budget 4m · lock off"];

describe("merging the blobs of one run", () => {
  it("puts the catalog's results back in selection order, whatever order the files come in", () => {
    const blobs = [catalogBlob({ index: 2, total: 2 }, ENTRIES), catalogBlob({ index: 1, total: 2 }, ENTRIES)];
    const run = checkShards(asFiles(blobs));
    if (run.kind !== "catalog") throw new Error("expected a catalog run");
    const merged = mergeCatalogBlobs(run.blobs);
    const whole = ENTRIES.map((name) => chaosResult(name));
    expect(merged.results).toEqual(whole);
    expect(catalogRows(merged.results)).toEqual(catalogRows(whole));
    // The run spans the first shard's start to the last one's finish; the report names shard 1's machine.
    expect(merged.startedAt.toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect(merged.finishedAt.toISOString()).toBe("2026-01-01T01:02:00.000Z");
    expect(merged.target.where).toBe("/machine-1/src/route.ts");
    expect(merged.database).toBe("embedded");
  });

  it("keeps what a shard's machine skipped, and counts a shard that started no server as none", () => {
    const first = catalogBlob({ index: 1, total: 2 }, ENTRIES);
    const second = { ...catalogBlob({ index: 2, total: 2 }, ENTRIES), database: null, results: [chaosResult("pause-holder")], skipped: [{ name: "duplicate-delivery", reason: "pgbouncer is not installed" }] };
    const run = checkShards(asFiles([first, second]));
    if (run.kind !== "catalog") throw new Error("expected a catalog run");
    const merged = mergeCatalogBlobs(run.blobs);
    expect(merged.results.map((r) => r.name)).toEqual(["kill-holder", "pause-holder", "unlock-fails", "connection-exhaustion"]);
    expect(merged.skipped).toEqual([{ name: "duplicate-delivery", reason: "pgbouncer is not installed", shard: "2/2" }]);
    expect(merged.database).toBe("embedded");
  });

  it("puts the bench's cells back in sweep order, with the accuracy and micro-benchmarks of shard 1", () => {
    const blobs = [3, 1, 2].map((index) => benchBlob({ index, total: 3 }, CELLS));
    const run = checkShards(asFiles(blobs));
    if (run.kind !== "bench") throw new Error("expected a bench run");
    const report = mergeBenchBlobs(run.blobs);
    expect(report.cells.map((c) => c.label)).toEqual(CELLS);
    expect(report.micro.map((m) => m.name)).toEqual(["select 1"]);
    expect(report.accuracy.note).toBe("not measured in this run (--skip-accuracy)");
    expect(report.runId).toBe("2026-01-01T00-01-00-000Z");
  });
});

describe("blobs merge-reports refuses, naming the files", () => {
  const shard = (index: number, total = 2) => ({ index, total });

  it.each([
    ["no blob at all", [], "no blobs to merge"],
    ["mixed kinds", [catalogBlob(shard(1), ENTRIES), benchBlob(shard(2), CELLS)], "the blob directory mixes kinds of run: catalog (catalog-1-of-2.json) and bench (bench-2-of-2.json)"],
    ["a different split", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2, 3), ENTRIES)], "catalog-1-of-2.json and catalog-2-of-3.json are not shards of one run: one is split in 2 shards, the other in 3"],
    ["another seed", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES, { baseSeed: 7 })], "their base seeds (--seed, CRONSTORM_SEED) differ: 9403 vs 7"],
    ["another selection", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES.slice(1))], "their selected entries (--only) differ"],
    ["another time scale", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES, { timeScale: 30 })], "their time scales (--scale) differ: 60 vs 30"],
    ["another target", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES, { target: { name: "digest", kind: "module", mode: "shared", flags: " --target digest" } })], "their targets (--target, --mode) differ"],
    ["another cronstorm", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES, { cronstormVersion: "0.0.1" })], "their cronstorm versions differ"],
    ["a shard twice", [catalogBlob(shard(1), ENTRIES), catalogBlob(shard(2), ENTRIES), catalogBlob(shard(2), ENTRIES)], "shard 2/2 is there twice (catalog-2-of-2.json, catalog-2-of-2.json)"],
    ["a missing shard", [catalogBlob(shard(1, 3), ENTRIES), catalogBlob(shard(3, 3), ENTRIES)], "shard 2/3 missing (have 1/3, 3/3)"],
    ["a blob that is not its share", [catalogBlob(shard(1), ENTRIES), { ...catalogBlob(shard(2), ENTRIES), results: [chaosResult("kill-holder")] }], 'catalog-2-of-2.json holds ["kill-holder"] but shard 2/2 of its run is ["pause-holder","duplicate-delivery"]'],
    ["another bench sweep", [benchBlob(shard(1), CELLS), benchBlob(shard(2), CELLS.slice(0, 3))], "their sweep cells (--budgets"],
  ])("%s", (_, blobs, message) => {
    expect(() => checkShards(asFiles(blobs))).toThrow(message);
  });
});
