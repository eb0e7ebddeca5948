/** The totals of vitest's JSON reporter that say whether a run failed, whatever its exit code says. */
export interface VitestTotals {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numFailedTestSuites: number;
}

export interface RunJudgement {
  green: boolean;
  /** Set when the exit code and the reporter's totals disagree: either one alone would have hidden a failure. */
  disagreement?: string;
}

/**
 * A run is green only when both witnesses say so: the exit code (what CI sees) and the reporter's totals
 * (what the tests did). Each has lied before: a library overwrote the exit code with 0 while tests failed.
 */
export function judgeRun(exitCode: number | null, totals: VitestTotals | undefined): RunJudgement {
  const exitSaysFailed = exitCode !== 0;
  if (!totals) {
    return { green: false, disagreement: exitSaysFailed ? undefined : `exit code 0 but the reporter wrote no totals` };
  }
  const totalsSayFailed = !totals.success || totals.numFailedTests > 0 || totals.numFailedTestSuites > 0;
  const green = !exitSaysFailed && !totalsSayFailed;
  if (exitSaysFailed === totalsSayFailed) return { green };
  const failedCount = `${totals.numFailedTests} failed test(s), ${totals.numFailedTestSuites} failed file(s)`;
  return {
    green,
    disagreement: exitSaysFailed
      ? `exit code ${exitCode ?? "(killed)"} but the reporter counted no failure`
      : `exit code 0 but the reporter counted ${failedCount}: the exit code cannot be trusted`,
  };
}

/** The one-line totals for a run, from the reporter. */
export function describeTotals(totals: VitestTotals | undefined): string {
  if (!totals) return "no reporter totals";
  return `${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests} skipped of ${totals.numTotalTests}`;
}
