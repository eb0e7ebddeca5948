import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import { runCommand } from "../process/run-command";
import { catalogRows, verdictText } from "../report/catalog-table";
import type { RunReport } from "../report/write-report";
import { scenarioSeed } from "../trial/seeds";
import { cronstormInProcess } from "../vitest/in-process-cli";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { testRunServerEnv } from "../vitest/test-run-server";
import type { CatalogBlob } from "./blob";

/**
 * Three cheap entries, one expected to break: split 2 + 1 by `--shard i/2`, so the merge must interleave
 * the shards' results back into catalog order.
 */
const ENTRIES = ["pool-size-1-src", "pool-size-1-reference", "unlock-fails"];
const BIN = join(PROJECT_ROOT, "bin", "cronstorm.js");
/** Each run waits on compressed cron ticks (about 4 s an entry) beside two others: a bound well past that. */
const RUN_TIMEOUT_MS = 90_000;

/**
 * What the catalog decides about each entry: the same in any two runs of one seed. Which checks a breaking
 * entry fails besides its first is not: whether a re-entrant lock also lets a job run twice depends on how
 * two runs' claims interleave on the machine, so two independent runs can differ there (a CI run did).
 * That part is compared with the shards' own blobs instead, which the merge must carry over exactly.
 */
const decided = (results: ChaosResult[]) =>
  results.map((r) => ({ name: r.name, expect: r.expect, asExpected: r.asExpected, status: r.status, seed: r.seed, verdict: verdictText(r) }));
/** Each check's verdict, as the report's table shows it. */
const checks = (results: ChaosResult[]) => results.map((r) => ({ name: r.name, checks: r.verdicts.map((v) => [v.invariant, v.status]) }));

const readReport = async (dir: string | undefined) => JSON.parse(await readFile(join(dir ?? "(no Report: line)", "results.json"), "utf8")) as RunReport;

describe("the fault catalog split with --shard and merged with merge-reports", () => {
  // Every run uses the test run's PostgreSQL, as CI jobs would share a database service.
  const env = testRunServerEnv();
  let scratch: string;
  beforeAll(async () => void (scratch = await mkdtemp(join(tmpdir(), "cronstorm-catalog-blobs-"))));
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it("carries each entry over exactly as its shard reported it, and decides what the unsharded run decides: order, seeds, verdicts, the verdict line and the exit code", async () => {
    const only = ["--only", ENTRIES.join(",")];
    const [blobDir, wholeBlobDir] = [join(scratch, "shards"), join(scratch, "unsharded")];
    // The shards are real CLI processes side by side, as on two CI machines; the unsharded run is in this process meanwhile.
    const shard = (i: number) => runCommand(process.execPath, [BIN, "catalog", ...only, "--shard", `${i}/2`, "--blob-dir", blobDir], { cwd: PROJECT_ROOT, env, timeoutMs: RUN_TIMEOUT_MS });
    const [whole, first, second] = await Promise.all([cronstormInProcess(["catalog", ...only, "--blob-dir", wholeBlobDir], env), shard(1), shard(2)]);
    for (const run of [first, second]) expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(whole.code, whole.lines.join("\n")).toBe(0);

    // Each shard ran its share only: every other entry, from its position in the selection.
    const blob = async (i: number) => JSON.parse(await readFile(join(blobDir, `cronstorm-catalog-shard-${i}-of-2.json`), "utf8")) as CatalogBlob;
    const [firstShard, secondShard] = [(await blob(1)).results, (await blob(2)).results];
    expect(firstShard.map((r) => r.name)).toEqual(["pool-size-1-src", "unlock-fails"]);
    expect(secondShard.map((r) => r.name)).toEqual(["pool-size-1-reference"]);
    const shardsInCatalogOrder = [firstShard[0], secondShard[0], firstShard[1]].filter((r) => r !== undefined);

    const merged = await cronstormInProcess(["merge-reports", blobDir]);
    expect(merged.code, merged.lines.join("\n")).toBe(whole.code);
    const [wholeReport, mergedReport] = [await readReport(whole.reportDir), await readReport(merged.reportDir)];
    const [wholeResults, mergedResults] = [wholeReport.catalog ?? [], mergedReport.catalog ?? []];
    expect(mergedResults.map((r) => r.name)).toEqual(ENTRIES);
    // The merge reports each entry exactly as its shard did, every check's verdict included.
    expect(mergedResults).toEqual(shardsInCatalogOrder);
    expect(catalogRows(mergedResults)).toEqual(catalogRows(shardsInCatalogOrder));
    // And it decides what the unsharded run decides; every check's verdict too, where the entry survives.
    expect(decided(mergedResults)).toEqual(decided(wholeResults));
    const survivors = (results: ChaosResult[]) => checks(results.filter((r) => r.expect === "survives"));
    expect(survivors(mergedResults)).toEqual(survivors(wholeResults));
    expect(survivors(wholeResults).map((r) => r.name)).toEqual(["pool-size-1-src", "unlock-fails"]);
    // The seeds are the unsharded run's: each derives from the base seed and the entry's name, not from its shard.
    for (const r of mergedResults) expect(r.seed).toBe(scenarioSeed(wholeReport.baseSeed, r.name));
    expect({ ...mergedReport, catalog: undefined, runId: "", startedAt: "", finishedAt: "" }).toEqual({ ...wholeReport, catalog: undefined, runId: "", startedAt: "", finishedAt: "" });
    // Given the same results, the merge writes the very bytes of the run's report: here the unsharded run's own blob (1/1).
    const files = ["results.json", "report.md", "report.html"];
    const wholeFiles = await Promise.all(files.map((f) => readFile(join(whole.reportDir ?? "", f), "utf8")));
    const remerged = await cronstormInProcess(["merge-reports", wholeBlobDir]);
    expect(remerged.reportDir).toBe(whole.reportDir);
    expect(await Promise.all(files.map((f) => readFile(join(remerged.reportDir ?? "", f), "utf8")))).toEqual(wholeFiles);
    const verdictLine = (lines: string[]) => lines.filter((l) => l.startsWith("VERDICT"));
    expect(verdictLine(merged.lines)).toEqual(verdictLine(whole.lines));
    expect(verdictLine(whole.lines)).toEqual(["VERDICT: every entry as expected"]);
  }, RUN_TIMEOUT_MS + 30_000);
});
