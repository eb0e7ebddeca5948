import type { CellResult, SimulationSettings } from "./cell";
import { axes, esc, frame, PALETTE, scaleLinear, svg, ticks } from "../../report/svg";

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

/** Jobs completed per hour for each cell, against its budget (lock-off controls in red), and the arrival rate to meet. */
export function throughputChart(results: CellResult[], settings: SimulationSettings): string {
  const f = frame(900, 260);
  const arrivalsPerHour = settings.arrivalsPerMinute * 60;
  const max = Math.max(1, arrivalsPerHour, ...results.map((r) => r.metrics.jobsCompletedPerHour));
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
  const arrivals = `<line class="arrivals" x1="${f.left}" y1="${y(arrivalsPerHour).toFixed(1)}" x2="${f.width - f.right}" y2="${y(arrivalsPerHour).toFixed(1)}" stroke="#111" stroke-dasharray="6 4"><title>arrivals: ${arrivalsPerHour} jobs/h</title></line>
<text x="${f.width - f.right - 4}" y="${(y(arrivalsPerHour) - 4).toFixed(1)}" font-size="10" text-anchor="end">arrivals: ${arrivalsPerHour} jobs/h (${settings.arrivalsPerMinute}/min)</text>`;
  return svg(f, "Throughput against budget", axes(f, "budget", "jobs/hour", xTicks, yTicks) + bars.join("") + arrivals);
}

/**
 * Open jobs (pending + processing) sampled at every tick, one line per cell, and the arrivals as a line:
 * the backlog with no work done (the chart keeps the cells' scale, so that line leaves it at the top).
 */
export function backlogChart(results: CellResult[], settings: SimulationSettings): string {
  const windowSeconds = settings.windowMs / 1000;
  const f = frame(900, 260);
  const max = Math.max(1, ...results.flatMap((r) => r.timeline.backlog.map((b) => b.jobs)));
  const x = scaleLinear([0, windowSeconds], [f.left, f.width - f.right]);
  const y = scaleLinear([0, max * 1.1], [f.height - f.bottom, f.top]);
  const lines = results.map((r, i) => {
    const points = r.timeline.backlog.map((b) => `${x(b.at).toFixed(1)},${y(b.jobs).toFixed(1)}`).join(" ");
    return `<polyline class="series" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2" points="${points}"><title>${esc(r.label)}</title></polyline>`;
  });
  const legend = results.map((r, i) => `<text x="${f.left + 8}" y="${f.top + 12 + i * 13}" font-size="10" fill="${PALETTE[i % PALETTE.length]}">${esc(r.label)}</text>`);
  // Arrivals with nothing processed: the initial backlog plus the rate, clipped where it leaves the chart.
  const arrivedBy = (s: number) => settings.initialBacklog + (settings.arrivalsPerMinute * s) / 60;
  const leavesAt = Math.min(windowSeconds, ((max * 1.1 - settings.initialBacklog) * 60) / Math.max(settings.arrivalsPerMinute, 1e-9));
  const arrivals = `<polyline class="arrivals" fill="none" stroke="#111" stroke-dasharray="6 4" points="${x(0).toFixed(1)},${y(arrivedBy(0)).toFixed(1)} ${x(leavesAt).toFixed(1)},${y(arrivedBy(leavesAt)).toFixed(1)}"><title>arrivals: ${settings.arrivalsPerMinute} jobs/min on top of ${settings.initialBacklog} waiting</title></polyline>
<text x="${(x(leavesAt) + 4).toFixed(1)}" y="${(f.top + 10).toFixed(1)}" font-size="10">arrivals (${settings.arrivalsPerMinute}/min, nothing done)</text>`;
  const xTicks = ticks(windowSeconds / 60, 6).map((m) => [x(m * 60), `${m}m`] as [number, string]);
  const yTicks = ticks(max * 1.1, 5).map((v) => [y(v), String(v)] as [number, string]);
  return svg(f, "Backlog over time", axes(f, "production time", "open jobs", xTicks, yTicks) + lines.join("") + legend.join("") + arrivals);
}

/** OpenAI calls in flight over the window for one cell, on a y-scale shared by every cell so they compare. */
export function inFlightChart(result: CellResult, windowSeconds: number, maxCalls: number): string {
  const f = frame(440, 170);
  const x = scaleLinear([0, windowSeconds], [f.left, f.width - f.right]);
  const y = scaleLinear([0, Math.max(1, maxCalls) * 1.1], [f.height - f.bottom, f.top]);
  const colour = result.cell.lock === "off" ? PALETTE[1] : PALETTE[0];
  // Steps: each value holds until the next step begins.
  const points = result.timeline.inFlight.flatMap((p, i, all) => {
    const next = all[i + 1]?.at ?? windowSeconds;
    return [`${x(p.at).toFixed(1)},${y(p.calls).toFixed(1)}`, `${x(next).toFixed(1)},${y(p.calls).toFixed(1)}`];
  });
  const series = `<polyline class="series" fill="none" stroke="${colour}" stroke-width="1.5" points="${points.join(" ")}"><title>${esc(result.label)}: peak ${result.metrics.openaiPeakInFlight} calls in flight</title></polyline>`;
  const xTicks = ticks(windowSeconds / 60, 4).map((m) => [x(m * 60), `${m}m`] as [number, string]);
  const yTicks = ticks(Math.max(1, maxCalls) * 1.1, 4).map((v) => [y(v), String(v)] as [number, string]);
  return svg(f, `OpenAI calls in flight: ${result.label}`, axes(f, "production time", "calls", xTicks, yTicks) + series);
}
