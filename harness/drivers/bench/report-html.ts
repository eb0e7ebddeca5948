import type { BenchReport } from "./bench-report";
import { cellTable } from "./bench-report";
import { backlogChart, ganttChart, inFlightChart, throughputChart } from "./charts";
import { budgetHeadline, headlineCaveat } from "./headline";
import { esc } from "../../report/svg";

/** The compression error, stated as measured or as not measured; never as a bound nobody checked. */
export function accuracySentence(report: BenchReport): string {
  const { throughputErrorPercent: error, referenceScale, note } = report.accuracy;
  return error === null
    ? `Compression error against a run at ×${referenceScale}: ${note}.`
    : `Throughput at ×${report.timeScale} differs by ${error}% from the same cell at ×${referenceScale} (${note}).`;
}

/** A self-contained page: inline CSS and server-drawn SVG, no script and no network. */
export function reportHtml(report: BenchReport): string {
  const windowSeconds = report.settings.windowMs / 1000;
  const maxInFlight = Math.max(1, ...report.cells.flatMap((c) => c.timeline.inFlight.map((p) => p.calls)));
  const { header, rows } = cellTable(report.cells);
  const table = `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
  const micro = `<table><thead><tr><th>path</th><th>mean (ms, wall)</th><th>p99 (ms)</th><th>× select 1</th></tr></thead><tbody>${report.micro
    .map((m) => `<tr><td>${esc(m.name)}</td><td>${m.meanMs.toFixed(3)}</td><td>${m.p99Ms.toFixed(3)}</td><td>${m.ratioToSelect1}</td></tr>`)
    .join("")}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cronstorm bench ${esc(report.runId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}h2{margin-top:32px}.note{color:#555}.headline{font-size:16px;margin:6px 0}.grid{display:flex;flex-wrap:wrap;gap:8px}</style>
</head><body>
<h1>cronstorm budget report</h1>
${budgetHeadline(report.cells, report.settings).map((s) => `<p class="headline"><b>${esc(s)}</b></p>`).join("\n")}
<p class="note">${esc(headlineCaveat(report.settings, report.timeScale, report.seed))}</p>
<p class="note">Run ${esc(report.runId)}, seed ${report.seed}. Production time ran ${report.timeScale}× compressed; every duration is in production units.
${esc(accuracySentence(report))}
Window ${windowSeconds / 60} min, a tick every ${report.settings.intervalMs / 1000} s, ${report.settings.arrivalsPerMinute} new jobs per minute, ${report.settings.initialBacklog} waiting at the start.</p>
<h2>Throughput against budget</h2>
${throughputChart(report.cells, report.settings)}
<h2>Backlog over time</h2>
${backlogChart(report.cells, report.settings)}
<h2>OpenAI calls in flight</h2>
<p class="note">The most calls at once in each 10 s, on one scale for every cell: the lock-off control (red) shows the burst the lock prevents.</p>
<div class="grid">${report.cells.map((c) => inFlightChart(c, windowSeconds, maxInFlight)).join("")}</div>
<h2>Timelines: invocations and lock holds</h2>
${report.cells.map((c) => `<h3>${esc(c.label)}</h3>${ganttChart(c, windowSeconds)}`).join("\n")}
<h2>Every cell</h2>
${table}
<h2>Lock path micro-benchmarks (tinybench, one run)</h2>
${micro}
</body></html>
`;
}
