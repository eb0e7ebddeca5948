import type { ScenarioResult } from "../drivers/scenario/scenario-result";

const MARK = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN", unavailable: "UNAVAILABLE" } as const;

/** One row per scenario × invariant, with the invariant's key figures. */
export function verdictRows(results: ScenarioResult[]): string[][] {
  return results.flatMap((result) =>
    result.verdicts.map((verdict) => [
      result.name,
      verdict.invariant,
      MARK[verdict.status],
      verdict.status === "pass" && verdict.figures ? figuresText(verdict.figures) : verdict.detail,
    ]),
  );
}

export const VERDICT_HEADER = ["scenario", "invariant", "verdict", "key figures / why"];

/**
 * Every failing or unjudged verdict with its whole reason, which the table cuts: a CI log must say why
 * without the report directory (often a temp dir gone with the job). In the catalog's "Why:" form, but
 * without `unavailable` rows: a scenario the target cannot run is not a finding, and the table says why.
 */
export function scenarioFindings(results: ScenarioResult[]): string[] {
  return results.flatMap((r) => r.verdicts.filter((v) => v.status === "fail" || v.status === "unknown").map((v) => `${r.name} / ${v.invariant} [${v.status}]: ${v.detail}`));
}

function figuresText(figures: Record<string, string | number> | undefined): string {
  return figures ? Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(", ") : "";
}

/** A plain-text table for the terminal; long cells wrap at the last column only. */
export function textTable(header: string[], rows: string[][], maxLast = 110): string {
  const clipped = rows.map((row) => row.map((cell, i) => (i === row.length - 1 && cell.length > maxLast ? `${cell.slice(0, maxLast - 1)}…` : cell)));
  const widths = header.map((h, i) => Math.max(h.length, ...clipped.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...clipped.map(line)].join("\n");
}

export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(escape).join(" | ")} |`)].join("\n");
}
