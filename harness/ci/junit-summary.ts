/** What a JUnit report says happened, read from its own elements rather than from any exit code. */
export interface JunitSummary {
  tests: number;
  failures: number;
  errors: number;
  /** Names of the test cases that failed or errored. */
  failed: string[];
  /** Names of the test cases that were skipped: visible in CI's summary, never silent. */
  skipped: string[];
}

const unescape = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** Reads vitest's JUnit XML: counts from the test cases themselves, so a wrong header cannot hide a failure. */
export function summarizeJunit(xml: string): JunitSummary {
  const summary: JunitSummary = { tests: 0, failures: 0, errors: 0, failed: [], skipped: [] };
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attributes = match[1] ?? "";
    const body = match[3] ?? "";
    const name = unescape(/\bclassname="([^"]*)"/.exec(attributes)?.[1] ?? "") + " > " + unescape(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? "");
    summary.tests += 1;
    if (/<failure\b/.test(body)) {
      summary.failures += 1;
      summary.failed.push(name);
    } else if (/<error\b/.test(body)) {
      summary.errors += 1;
      summary.failed.push(name);
    } else if (/<skipped\b/.test(body)) {
      summary.skipped.push(name);
    }
  }
  // A file that failed to load has no test case, only the suite's own error count.
  for (const match of xml.matchAll(/<testsuite\b[^>]*\bname="([^"]*)"[^>]*\berrors="(\d+)"/g)) {
    const suiteErrors = Number(match[2]);
    const counted = summary.failed.filter((n) => n.startsWith(`${unescape(match[1] ?? "")} >`)).length;
    if (suiteErrors > counted) {
      summary.errors += suiteErrors - counted;
      summary.failed.push(`${unescape(match[1] ?? "")} (the file failed to load)`);
    }
  }
  return summary;
}

/** Green only with at least one test and no failure or error. */
export function junitVerdict(summary: JunitSummary): { ok: boolean; lines: string[] } {
  const passed = summary.tests - summary.failures - summary.errors - summary.skipped.length;
  const lines = [`JUnit: ${summary.tests} tests, ${passed} passed, ${summary.failures} failed, ${summary.errors} errors, ${summary.skipped.length} skipped`];
  for (const name of summary.skipped) lines.push(`  skipped: ${name}`);
  for (const name of summary.failed) lines.push(`  FAILED: ${name}`);
  const ok = summary.tests > 0 && summary.failures === 0 && summary.errors === 0;
  if (summary.tests === 0) lines.push("  FAILED: the report holds no test at all");
  return { ok, lines };
}
