import { markdownTable } from "../../report/verdict-table";
import { type BenchReport, cellTable } from "./bench-report";
import { budgetHeadline, headlineCaveat } from "./headline";
import { accuracySentence } from "./report-html";

export function reportMarkdownBench(report: BenchReport): string {
  const { header, rows } = cellTable(report.cells);
  return [
    `# cronstorm budget report ${report.runId}`,
    "",
    ...budgetHeadline(report.cells, report.settings).map((s) => `**${s}**`),
    "",
    headlineCaveat(report.settings, report.timeScale, report.seed),
    "",
    `Target: ${report.target.name} (${report.target.module}). Seed ${report.seed}. Time scale ×${report.timeScale}: every duration is in production units. ${accuracySentence(report)}`,
    `Window ${report.settings.windowMs / 60_000} min, tick every ${report.settings.intervalMs / 1000} s, ${report.settings.arrivalsPerMinute} jobs/min arriving, ${report.settings.initialBacklog} waiting at start.`,
    "",
    "## Cells",
    "",
    markdownTable(header, rows),
    "",
    "## Lock path micro-benchmarks (tinybench, one run)",
    "",
    markdownTable(
      ["path", "mean (ms)", "p99 (ms)", "× select 1"],
      report.micro.map((m) => [m.name, m.meanMs.toFixed(3), m.p99Ms.toFixed(3), String(m.ratioToSelect1)]),
    ),
    "",
  ].join("\n");
}
