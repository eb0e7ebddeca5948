// npm run test:budget: how long each test file takes against test-budget.json, the seconds it took on the
// 2-core machine. Not a timed test (timing never fails the gate); a review sees a change that slows a file.
//   npm run test:budget                 runs the suite once with the JSON reporter, then compares
//   npm run test:budget -- --report F   compares an existing vitest JSON report instead
//   npm run test:budget -- --write      (re)writes test-budget.json from this run
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { compareWithBudget, type TestBudget } from "./test-budget";

const ROOT = join(import.meta.dirname, "..", "..");
const BUDGET_FILE = join(ROOT, "test-budget.json");

const { values } = parseArgs({ args: process.argv.slice(2), options: { report: { type: "string" }, write: { type: "boolean", default: false } }, strict: true });
let reportFile = values.report;
let ownDir: string | undefined;
if (!reportFile) {
  ownDir = mkdtempSync(join(tmpdir(), "cronstorm-budget-"));
  reportFile = join(ownDir, "vitest.json");
  spawnSync(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${reportFile}`], { cwd: ROOT, stdio: "inherit" });
}
const report = JSON.parse(readFileSync(reportFile, "utf8")) as { testResults: { name: string; startTime: number; endTime: number }[] };
if (ownDir) rmSync(ownDir, { recursive: true, force: true });
const measured = Object.fromEntries(report.testResults.map((r) => [relative(ROOT, r.name), Math.round((r.endTime - r.startTime) / 100) / 10]));
if (values.write) {
  const budget: TestBudget = { note: "Seconds per test file on the 2-core machine, quiet, `npm test` (files three at a time). Refresh with `npm run test:budget -- --write`.", files: measured };
  writeFileSync(BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
  console.info(`wrote ${relative(ROOT, BUDGET_FILE)} (${Object.keys(measured).length} files)`);
} else {
  const { lines, over } = compareWithBudget(JSON.parse(readFileSync(BUDGET_FILE, "utf8")) as TestBudget, measured);
  console.info(lines.join("\n"));
  process.exitCode = over ? 1 : 0;
}
