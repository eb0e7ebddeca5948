/** Tiny SVG helpers: the HTML report draws its charts server-side, so it needs no script and no CDN. */
export const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4d7c0f", "#be185d"];

export interface Frame {
  width: number;
  height: number;
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const frame = (width: number, height: number): Frame => ({ width, height, left: 56, bottom: 28, top: 12, right: 12 });

export function scaleLinear(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

export function axes(f: Frame, xLabel: string, yLabel: string, xTicks: [number, string][], yTicks: [number, string][]): string {
  const x0 = f.left;
  const y0 = f.height - f.bottom;
  return [
    `<line class="axis" x1="${x0}" y1="${y0}" x2="${f.width - f.right}" y2="${y0}" stroke="#555"/>`,
    `<line class="axis" x1="${x0}" y1="${f.top}" x2="${x0}" y2="${y0}" stroke="#555"/>`,
    ...xTicks.map(([x, label]) => `<text x="${x}" y="${y0 + 16}" font-size="10" text-anchor="middle">${esc(label)}</text>`),
    ...yTicks.map(([y, label]) => `<text x="${x0 - 6}" y="${y + 3}" font-size="10" text-anchor="end">${esc(label)}</text>`),
    `<text x="${(x0 + f.width - f.right) / 2}" y="${f.height - 2}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="12" y="${f.top + 8}" font-size="11">${esc(yLabel)}</text>`,
  ].join("");
}

export function svg(f: Frame, title: string, body: string): string {
  return `<svg class="chart" role="img" aria-label="${esc(title)}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body}</svg>`;
}

export function ticks(max: number, count: number): number[] {
  const step = niceStep(max / count);
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}
