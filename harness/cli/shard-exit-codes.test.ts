import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import type { CatalogBlob } from "../shard/blob";
import { benchBlob, catalogBlob } from "../shard/blob-fixtures";
import { writeBlob } from "../shard/write-blob";
import { cronstormInProcess } from "../vitest/in-process-cli";
import { PROJECT_ROOT } from "../vitest/planted-test";

/** A server nothing listens on: a command that tried to start its database would break (exit 3), not pass. */
const NO_DATABASE = { CRONSTORM_DB: "url", DATABASE_URL: "postgres://cronstorm@127.0.0.1:1/unreachable" };

describe("how --shard runs and merge-reports exit when there is nothing to run or nothing to merge", () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), "cronstorm-shard-exit-"))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("the binary exits 2 on a bad --shard, naming the flag and its form, with nothing started", async () => {
    const result = await runCommand(process.execPath, [join(PROJECT_ROOT, "bin", "cronstorm.js"), "catalog", "--shard", "3/2"], { cwd: PROJECT_ROOT, env: NO_DATABASE, timeoutMs: 30_000 });
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('--shard takes i/n, this run\'s shard i of n with whole numbers 1 ≤ i ≤ n (e.g. --shard 1/2), got "3/2"');
    expect(result.stdout).toBe("");
  });

  it("a shard whose share is empty exits 0 and still writes its blob, without starting PostgreSQL", async () => {
    const run = await cronstormInProcess(["catalog", "--only", "unlock-fails", "--shard", "2/2", "--blob-dir", dir], NO_DATABASE);
    expect(run.code, run.lines.join("\n")).toBe(0);
    const blob = JSON.parse(await readFile(join(dir, "cronstorm-catalog-shard-2-of-2.json"), "utf8")) as CatalogBlob;
    expect(blob).toMatchObject({ kind: "catalog", shard: { index: 2, total: 2 }, database: null, results: [], skipped: [] });
    expect(blob.run.entries).toEqual(["unlock-fails"]);
    // Alone, it is half a run: the merge names the missing shard instead of reporting half the catalog.
    const merge = await cronstormInProcess(["merge-reports", dir]);
    expect(merge.code).toBe(2);
    expect(merge.lines.join("\n")).toContain("shard 1/2 missing (have 2/2)");
    expect(merge.reportDir).toBeUndefined();
  });

  it("merge-reports exits 2 on blobs of two kinds, and on a directory with no blob, writing no report", async () => {
    await writeBlob(dir, catalogBlob({ index: 1, total: 1 }, ["unlock-fails"]));
    await writeBlob(dir, benchBlob({ index: 1, total: 1 }, ["budget 2m · lock on"]));
    const mixed = await cronstormInProcess(["merge-reports", dir]);
    expect(mixed.code).toBe(2);
    expect(mixed.lines.join("\n")).toContain("the blob directory mixes kinds of run: bench (cronstorm-bench-shard-1-of-1.json) and catalog (cronstorm-catalog-shard-1-of-1.json)");
    const empty = await cronstormInProcess(["merge-reports", join(dir, "nothing-here")]);
    expect(empty.code).toBe(2);
    expect(empty.lines.join("\n")).toContain("no blob directory at");
    expect([mixed.reportDir, empty.reportDir]).toEqual([undefined, undefined]);
  });
});
