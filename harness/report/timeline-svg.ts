import { esc, ticks } from "./svg";
import type { SpanTone, Timeline, TimelineLane } from "./timeline";

const TONE_COLOUR: Record<SpanTone, string> = {
  ran: "#16a34a",
  locked: "#9ca3af",
  refused: "#a16207",
  error: "#dc2626",
  "no-answer": "#7c3aed",
  hold: "#2563eb",
  job: "#0891b2",
  instance: "#cbd5e1",
};
const GROUP_TITLE: Record<TimelineLane["group"], string> = {
  instances: "app instances (one process each)",
  invocations: "invocations (request → response)",
  lock: "advisory lock holds, as the route reported them",
  "pg-locks": "advisory lock holds, as pg_locks showed them (sampled)",
  work: "work per run (each job from claim to finish)",
};
const WIDTH = 960;
const LABEL_WIDTH = 170;
const LANE = 12;
const GAP = 3;
const HEADER = 16;
const AXIS = 30;

/**
 * One run's timeline as inline SVG, drawn server-side (no script): a lane per invocation, lock session
 * and run, fault windows shaded and named, cron ticks as thin lines, and the failing invariant's evidence
 * outlined in red. Hovering a span shows its label (SVG <title>). The axis is in production seconds.
 */
export function timelineSvg(timeline: Timeline, title: string): string {
  const plot = WIDTH - LABEL_WIDTH - 12;
  const span = Math.max(timeline.durationMs, 1);
  const x = (ms: number | null) => LABEL_WIDTH + ((ms ?? span) / span) * plot;
  const rows: string[] = [];
  // A row above the lanes for the faults' names.
  let y = timeline.faults.length > 0 ? 18 : 4;
  for (const group of ["instances", "invocations", "lock", "pg-locks", "work"] as const) {
    const lanes = timeline.lanes.filter((l) => l.group === group);
    if (lanes.length === 0) continue;
    rows.push(`<text class="group" x="4" y="${y + 11}" font-size="11" font-weight="bold">${esc(GROUP_TITLE[group])}</text>`);
    y += HEADER;
    for (const lane of lanes) {
      rows.push(`<text x="${LABEL_WIDTH - 6}" y="${y + LANE - 2}" font-size="10" text-anchor="end">${esc(lane.label)}</text>`);
      for (const s of lane.spans) {
        const x0 = x(s.start);
        const width = Math.max(x(s.end) - x0, 2);
        const classes = ["span", `tone-${s.tone}`, `lane-${group}`, ...(s.evidence ? ["evidence"] : []), ...(s.end === null ? ["open"] : [])].join(" ");
        // A run's jobs share its lane and overlap (its workers run side by side): translucent, so the
        // overlap shows as a darker band.
        const outline = s.evidence ? ` stroke="#b91c1c" stroke-width="2"` : s.end === null ? ` stroke="#111" stroke-dasharray="3 2"` : s.tone === "job" ? ` fill-opacity="0.45" stroke="#fff" stroke-width="0.5"` : "";
        rows.push(
          `<rect class="${classes}" x="${x0.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${LANE}" fill="${TONE_COLOUR[s.tone]}"${outline}><title>${esc(`${lane.label}: ${s.label}${s.end === null ? " (never ended)" : ""}${s.evidence ? " (evidence)" : ""}`)}</title></rect>`,
        );
      }
      y += LANE + GAP;
    }
  }
  const height = y + AXIS;
  const shading = timeline.faults.map(
    (f) =>
      `<rect class="fault" x="${x(f.start).toFixed(1)}" y="0" width="${Math.max(x(f.end) - x(f.start), 2).toFixed(1)}" height="${y}" fill="#fde68a" opacity="0.55"><title>${esc(`fault ${f.name}`)}</title></rect>` +
      `<text class="fault-name" x="${(x(f.start) + 3).toFixed(1)}" y="12" font-size="10" fill="#92400e">${esc(f.name)}</text>`,
  );
  const ticks = timeline.ticks.map((t) => `<line class="tick" x1="${x(t).toFixed(1)}" y1="0" x2="${x(t).toFixed(1)}" y2="${y}" stroke="#d1d5db"/>`);
  return `<svg class="timeline" role="img" aria-label="${esc(title)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${shading.join("")}${ticks.join("")}${rows.join("")}${axis(timeline, y, x)}</svg>`;
}

function axis(timeline: Timeline, y: number, x: (ms: number) => number): string {
  const productionSeconds = (timeline.durationMs * timeline.timeScale) / 1000;
  const marks = ticks(productionSeconds, 8);
  const toMs = (seconds: number) => (seconds * 1000) / timeline.timeScale;
  return [
    `<line class="axis" x1="${LABEL_WIDTH}" y1="${y}" x2="${WIDTH - 12}" y2="${y}" stroke="#555"/>`,
    ...marks.map((s) => `<text x="${x(toMs(s)).toFixed(1)}" y="${y + 13}" font-size="10" text-anchor="middle">${s}</text>`),
    `<text x="${LABEL_WIDTH}" y="${y + 27}" font-size="11">production seconds (ran ×${timeline.timeScale} faster)</text>`,
  ].join("");
}

export const TIMELINE_LEGEND = (Object.entries(TONE_COLOUR) as [SpanTone, string][])
  .map(([tone, colour]) => `<span class="key"><i style="background:${colour}"></i>${esc(tone)}</span>`)
  .join(" ");
