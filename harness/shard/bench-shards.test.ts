import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport } from "../drivers/bench/bench-report";
import { scenarioSeed } from "../trial/seeds";
import { cronstormInProcess } from "../vitest/in-process-cli";
import { testRunServerEnv } from "../vitest/test-run-server";

/**
 * Three cells (two budgets and the lock-off control) of 2 simulated minutes each, split 2 + 1: the merge
 * must put shard 2's cell back between shard 1's two. At ×600 a cell takes 0.2 s of wall time; what is
 * compared does not depend on the scale's accuracy.
 */
const SWEEP = ["--budgets", "120s,240s", "--window", "2m", "--scale", "600", "--backlog", "4", "--arrivals", "2", "--skip-accuracy", "--skip-micro"];
const LABELS = ["budget 2m · normal · timeout 1m×3 · c4 · lock on", "budget 4m · normal · timeout 1m×3 · c4 · lock on", "budget 2m · normal · timeout 1m×3 · c4 · lock off"];

const readReport = async (dir: string | undefined) => JSON.parse(await readFile(join(dir ?? "(no Report: line)", "results.json"), "utf8")) as BenchReport;

/**
 * What is the same in any two runs of one sweep: which cells, in what order, their labels, settings and
 * seeds, and the run's. The measured numbers (jobs/h, run times, wall seconds) vary between runs, sharded
 * or not, so they are not compared.
 */
const deterministic = (report: BenchReport) => ({
  cells: report.cells.map((c) => ({ label: c.label, cell: c.cell, seed: c.seed, timeScale: c.timeScale })),
  seed: report.seed,
  timeScale: report.timeScale,
  settings: report.settings,
  target: report.target,
  accuracy: report.accuracy,
  micro: report.micro,
  schemaVersion: report.schemaVersion,
});

describe("a bench sweep split with --shard and merged with merge-reports", () => {
  // The runs use the test run's PostgreSQL, and run one after the other: each sets the app's env in this process.
  const env = testRunServerEnv();
  let blobDir: string;
  beforeAll(async () => void (blobDir = await mkdtemp(join(tmpdir(), "cronstorm-bench-blobs-"))));
  afterAll(() => rm(blobDir, { recursive: true, force: true }));

  it("reports the unsharded sweep's cells, in its order, with its labels, settings and seeds", async () => {
    const whole = await cronstormInProcess(["bench", ...SWEEP], env);
    expect(whole.code, whole.lines.join("\n")).toBe(0);
    for (const shard of ["1/2", "2/2"]) {
      const run = await cronstormInProcess(["bench", ...SWEEP, "--shard", shard, "--blob-dir", blobDir], env);
      expect(run.code, run.lines.join("\n")).toBe(0);
      // A shard writes its blob and no report: a report of part of the sweep would read as the sweep's.
      expect(run.reportDir).toBeUndefined();
    }
    const merged = await cronstormInProcess(["merge-reports", blobDir]);
    expect(merged.code, merged.lines.join("\n")).toBe(whole.code);

    const [wholeReport, mergedReport] = [await readReport(whole.reportDir), await readReport(merged.reportDir)];
    expect(wholeReport.cells.map((c) => c.label)).toEqual(LABELS);
    expect(deterministic(mergedReport)).toEqual(deterministic(wholeReport));
    // Each cell's seed comes from the base seed and its label, never from its shard or its place in one.
    for (const c of mergedReport.cells) expect(c.seed).toBe(scenarioSeed(mergedReport.seed, c.label));
    // Every cell was measured: a cell left out of the merge, or run twice, would show here.
    expect(mergedReport.cells.every((c) => c.metrics.ticks > 0)).toBe(true);
    const tableLabels = (lines: string[]) => lines.filter((l) => l.startsWith("budget ")).map((l) => l.split(/\s{2,}/)[0]);
    expect(tableLabels(merged.lines)).toEqual(tableLabels(whole.lines));
  }, 90_000);
});
