import type { CellResult } from "./cell";
import { axes, esc, frame, PALETTE, scaleLinear, svg, ticks } from "../report/svg";

/** Gantt of one cell: runs (by outcome) and lock holds over the window, skipped ticks as marks. */
export function ganttChart(result: CellResult, windowSeconds: number): string {
  const f = frame(900, 150);
  const x = scaleLinear([0, windowSeconds], [f.left, f.width - f.right]);
  const lanes = [
    { name: "runs", y: 24, bars: result.timeline.runs.map((r) => ({ ...r, color: r.outcome === "end" ? PALETTE[0] : PALETTE[1] })) },
    { name: "lock holds", y: 64, bars: result.timeline.holds.map((h) => ({ ...h, color: PALETTE[2] })) },
  ];
  const bars = lanes.flatMap((lane) =>
    lane.bars.map(
      (b) =>
        `<rect class="bar" x="${x(b.start).toFixed(1)}" y="${lane.y}" width="${Math.max(1, x(b.end) - x(b.start)).toFixed(1)}" height="26" fill="${b.color}" opacity="0.75"><title>${lane.name}: ${b.start.toFixed(0)}–${b.end.toFixed(0)} s</title></rect>`,
    ),
  );
  const skips = result.timeline.skips.map((s) => `<line class="skip" x1="${x(s).toFixed(1)}" y1="98" x2="${x(s).toFixed(1)}" y2="112" stroke="${PALETTE[4]}"/>`);
  const xTicks = ticks(windowSeconds / 60, 6).map((m) => [x(m * 60), `${m}m`] as [number, string]);
  const labels = ["runs", "lock holds", "skipped"].map((name, i) => `<text x="${f.left - 6}" y="${[40, 80, 108][i]}" font-size="10" text-anchor="end">${name}</text>`);
  return svg(f, `Timeline: ${result.label}`, axes(f, "production time", "", xTicks, []) + labels.join("") + bars.join("") + skips.join(""));
}

/** Jobs completed per hour for each cell, against its budget (lock-off controls hatched in red). */
export function throughputChart(results: CellResult[]): string {
  const f = frame(900, 260);
  const max = Math.max(1, ...results.map((r) => r.metrics.jobsCompletedPerHour));
  const y = scaleLinear([0, max * 1.1], [f.height - f.bottom, f.top]);
  const band = (f.width - f.left - f.right) / Math.max(1, results.length);
  const bars = results.map((r, i) => {
    const x0 = f.left + i * band + band * 0.15;
    const top = y(r.metrics.jobsCompletedPerHour);
    const color = r.cell.lock === "off" ? PALETTE[1] : PALETTE[0];
    return `<rect class="bar" x="${x0.toFixed(1)}" y="${top.toFixed(1)}" width="${(band * 0.7).toFixed(1)}" height="${(f.height - f.bottom - top).toFixed(1)}" fill="${color}"><title>${esc(r.label)}: ${r.metrics.jobsCompletedPerHour} jobs/h</title></rect>
<text x="${(x0 + band * 0.35).toFixed(1)}" y="${(top - 4).toFixed(1)}" font-size="10" text-anchor="middle">${r.metrics.jobsCompletedPerHour}</text>`;
  });
  const xTicks = results.map((r, i) => [f.left + i * band + band / 2, `${r.cell.budgetMs / 1000}s${r.cell.lock === "off" ? " (no lock)" : ""}`] as [number, string]);
  const yTicks = ticks(max * 1.1, 5).map((v) => [y(v), String(v)] as [number, string]);
  return svg(f, "Throughput against budget", axes(f, "budget", "jobs/hour", xTicks, yTicks) + bars.join(""));
}

/** Open jobs (pending + processing) sampled at every tick, one line per cell. */
export function backlogChart(results: CellResult[], windowSeconds: number): string {
  const f = frame(900, 260);
  const max = Math.max(1, ...results.flatMap((r) => r.timeline.backlog.map((b) => b.jobs)));
  const x = scaleLinear([0, windowSeconds], [f.left, f.width - f.right]);
  const y = scaleLinear([0, max * 1.1], [f.height - f.bottom, f.top]);
  const lines = results.map((r, i) => {
    const points = r.timeline.backlog.map((b) => `${x(b.at).toFixed(1)},${y(b.jobs).toFixed(1)}`).join(" ");
    return `<polyline class="series" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" points="${points}"><title>${esc(r.label)}</title></polyline>`;
  });
  const legend = results.map((r, i) => `<text x="${f.left + 8}" y="${f.top + 12 + i * 13}" font-size="10" fill="${PALETTE[i % PALETTE.length]}">${esc(r.label)}</text>`);
  const xTicks = ticks(windowSeconds / 60, 6).map((m) => [x(m * 60), `${m}m`] as [number, string]);
  const yTicks = ticks(max * 1.1, 5).map((v) => [y(v), String(v)] as [number, string]);
  return svg(f, "Backlog over time", axes(f, "production time", "open jobs", xTicks, yTicks) + lines.join("") + legend.join(""));
}
