import type { ChaosResult } from "../drivers/catalog/chaos-result";

const SHORT = { pass: "pass", fail: "FAIL", unknown: "unknown", unavailable: "unavailable" } as const;

/** The columns of the fault × invariant table, in the order the checks run. */
export function invariantColumns(results: ChaosResult[]): string[] {
  return [...new Set(results.flatMap((r) => r.verdicts.map((v) => v.invariant)))];
}

/** One row per catalog entry: the fault, the target, each invariant's verdict, and what it means. */
export function catalogRows(results: ChaosResult[]): { header: string[]; rows: string[][] } {
  const columns = invariantColumns(results);
  const header = ["scenario", "fault", "target", "mode", ...columns, "verdict"];
  const rows = results.map((r) => [
    r.name,
    r.fault,
    r.target,
    r.mode,
    ...columns.map((c) => {
      const verdict = r.verdicts.find((v) => v.invariant === c);
      return verdict ? SHORT[verdict.status] : "-";
    }),
    verdictText(r),
  ]);
  return { header, rows };
}

export function verdictText(result: ChaosResult): string {
  if (result.unavailable) return `unavailable: ${result.unavailable}`;
  if (!result.asExpected) {
    if (result.expect === "survives") return result.known ? "UNEXPECTED: broke (drop it from knownSurvives)" : "UNEXPECTED: broke";
    if (!result.known) return "UNEXPECTED: not caught";
    return result.status === "pass" ? "UNEXPECTED: survives (drop it from knownBreaks)" : "UNEXPECTED: not caught as knownBreaks declares";
  }
  if (result.status === "pass") return result.known && result.expect === "survives" ? `survives (known: ${result.known})` : "survives";
  return result.known ? `breaks (known: ${result.known})` : "breaks (as expected; see README)";
}

/** Every verdict that is not a pass, with its reason: what a reader needs to understand the table. */
export function catalogFindings(results: ChaosResult[]): string[] {
  return results.flatMap((r) =>
    r.verdicts.filter((v) => v.status !== "pass").map((v) => `${r.name} / ${v.invariant} [${v.status}]: ${v.detail}`),
  );
}
