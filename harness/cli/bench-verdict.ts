import type { BenchReport } from "../drivers/bench/bench-report";
import { cellTable } from "../drivers/bench/bench-report";
import { budgetHeadline } from "../drivers/bench/headline";
import { reportHtml } from "../drivers/bench/report-html";
import { reportMarkdownBench } from "../drivers/bench/report-md";
import { publishReport } from "../report/write-report";
import { textTable } from "../report/verdict-table";
import { EXIT } from "./exit-codes";

/**
 * Writes reports/<run-id>/ and prints the cell table, the micro-benchmarks and the budget headline;
 * resolves to the exit code (a bench has no verdict: 0). The one ending of `cronstorm bench` and of
 * `cronstorm merge-reports` on bench blobs, so a merged sweep reports as the unsharded one would.
 */
export async function concludeBench(report: BenchReport): Promise<number> {
  const dir = await publishReport("bench", report.runId, {
    "results.json": `${JSON.stringify(report, null, 2)}\n`,
    "report.md": reportMarkdownBench(report),
    "report.html": reportHtml(report),
  });
  const { header, rows } = cellTable(report.cells);
  console.info(`\n${textTable(header, rows)}\n`);
  for (const m of report.micro) console.info(`  ${m.name.padEnd(50)} ${m.meanMs.toFixed(3)} ms  ×${m.ratioToSelect1} select 1`);
  for (const sentence of budgetHeadline(report.cells, report.settings)) console.info(`\n${sentence}`);
  console.info(`\nDurations in production units (×${report.timeScale}). Report: ${dir}/report.html`);
  return EXIT.pass;
}
