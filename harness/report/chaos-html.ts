import type { Verdict } from "../checks/verdict";
import { esc } from "./svg";
import type { Timeline } from "./timeline";
import { TIMELINE_LEGEND, timelineSvg } from "./timeline-svg";
import type { RunReport } from "./write-report";

interface Item {
  name: string;
  /** What it proves or which fault it injects. */
  about: string;
  status: string;
  /** Opens by default: a failing scenario, or a catalog entry whose outcome was not the expected one. */
  open: boolean;
  verdicts: Verdict[];
  timeline?: Timeline;
}

/**
 * report.html of a chaos or catalog run: self-contained (inline CSS and server-drawn SVG, no script, no
 * network), one section per scenario or catalog entry with its verdicts and its timeline. Passing ones
 * fold to one line; failing ones open, their evidence outlined on the timeline.
 */
export function chaosReportHtml(report: RunReport): string {
  const items: Item[] = report.catalog
    ? report.catalog.map((c) => ({
        name: c.name,
        about: `${c.fault}: ${c.models} (${c.target}, expected to ${c.expect === "survives" ? "survive" : "be caught breaking"})`,
        status: c.status === "unavailable" ? "unavailable" : c.asExpected ? `${c.status}, as expected` : `${c.status}, NOT as expected`,
        open: !c.asExpected,
        verdicts: c.verdicts,
        timeline: c.timeline,
      }))
    : report.scenarios.map((s) => ({ name: s.name, about: s.proves, status: s.status, open: s.status === "fail" || s.status === "unknown", verdicts: s.verdicts, timeline: s.timeline }));
  const kind = report.catalog ? "fault catalog" : "chaos run";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cronstorm ${kind} ${esc(report.runId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#111}summary{cursor:pointer;padding:4px 0}details{border-top:1px solid #ddd;padding:4px 0}
.status{font-weight:bold}.fail .status,.unknown .status{color:#b91c1c}.pass .status{color:#15803d}.note{color:#555}ul{margin:4px 0 8px}
.key{margin-right:12px;white-space:nowrap}.key i{display:inline-block;width:12px;height:10px;margin-right:4px;vertical-align:middle}</style>
</head><body>
<h1>cronstorm ${kind} ${esc(report.runId)}: ${esc(report.status.toUpperCase())}</h1>
<p class="note">Database: ${esc(report.database)}. Base seed ${report.baseSeed}. Production time ran ${report.timeScale}× compressed; the timelines are in production seconds.${
    report.target ? ` Target: ${esc(report.target.name)} (${esc(report.target.where)}).` : ""
  }</p>
<p class="note">${TIMELINE_LEGEND} <span class="key"><i style="background:#fde68a"></i>fault window</span> <span class="key"><i style="border:2px solid #b91c1c"></i>evidence of the failing invariant</span></p>
${items.map(section).join("\n")}
</body></html>
`;
}

function section(item: Item): string {
  const statusClass = item.status.split(/[ ,]/)[0] ?? "";
  const verdicts = item.verdicts
    .map((v) => `<li class="verdict ${esc(v.status)}"><b>${esc(v.status.toUpperCase())}</b> ${esc(v.invariant)}: ${esc(v.detail)}</li>`)
    .join("");
  const timeline = item.timeline ? timelineSvg(item.timeline, `Timeline: ${item.name}`) : `<p class="note">No timeline: nothing ran.</p>`;
  return `<details class="item ${esc(statusClass)}" id="${esc(item.name)}"${item.open ? " open" : ""}><summary><span class="status">${esc(item.status.toUpperCase())}</span> ${esc(item.name)}: ${esc(item.about)}</summary>
<ul>${verdicts}</ul>
${timeline}
</details>`;
}
