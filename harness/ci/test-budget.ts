/** test-budget.json: the seconds each test file took on the 2-core machine. */
export interface TestBudget {
  note: string;
  files: Record<string, number>;
}

/** A file may run this much longer than its budget before it is called over (machines are noisy). */
const TOLERANCE = 1.5;
/** Files shorter than this are never called over: their time is mostly noise. */
const FLOOR_SECONDS = 3;

/** Each file's time against its budget; `over` when a file is past budget × 1.5 (and 3 s) or has no budget. */
export function compareWithBudget(budget: TestBudget, measured: Record<string, number>): { lines: string[]; over: boolean } {
  const lines: string[] = [];
  let over = false;
  for (const [file, seconds] of Object.entries(measured).sort((a, b) => b[1] - a[1])) {
    const allowed = budget.files[file];
    if (allowed === undefined) {
      over = true;
      lines.push(`NEW   ${file}: ${seconds} s, no budget yet (npm run test:budget -- --write)`);
    } else if (seconds > Math.max(allowed * TOLERANCE, FLOOR_SECONDS)) {
      over = true;
      lines.push(`OVER  ${file}: ${seconds} s, budget ${allowed} s`);
    } else {
      lines.push(`ok    ${file}: ${seconds} s (budget ${allowed} s)`);
    }
  }
  for (const file of Object.keys(budget.files).filter((f) => !(f in measured))) lines.push(`gone  ${file}: in the budget, not in this run`);
  const total = Object.values(measured).reduce((a, b) => a + b, 0);
  lines.push(`${Object.keys(measured).length} files, ${Math.round(total)} s of file time (files run three at a time)`);
  return { lines, over };
}
