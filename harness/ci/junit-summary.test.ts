import { describe, expect, it } from "vitest";
import { junitVerdict, summarizeJunit } from "./junit-summary";

const report = (cases: string, suiteErrors = 0) => `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="3" failures="0" errors="0" time="1">
  <testsuite name="a.test.ts" tests="3" failures="0" errors="${suiteErrors}" skipped="0" time="1">
${cases}
  </testsuite>
</testsuites>`;
const PASSING = `<testcase classname="a.test.ts" name="passes" time="0.1">\n</testcase>`;
const FAILING = `<testcase classname="a.test.ts" name="fails &gt; deeply" time="0.1"><failure message="x">boom</failure></testcase>`;
const SKIPPED = `<testcase classname="a.test.ts" name="needs Docker" time="0.1"><skipped/></testcase>`;

describe("CI's JUnit check", () => {
  it("passes a report whose cases all passed or skipped, listing each skip", () => {
    const verdict = junitVerdict(summarizeJunit(report(`${PASSING}\n${SKIPPED}`)));
    expect(verdict.ok).toBe(true);
    expect(verdict.lines).toEqual(["JUnit: 2 tests, 1 passed, 0 failed, 0 errors, 1 skipped", "  skipped: a.test.ts > needs Docker"]);
  });

  it("fails on a failing case even when the header claims no failures", () => {
    const verdict = junitVerdict(summarizeJunit(report(`${PASSING}\n${FAILING}`)));
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContain("  FAILED: a.test.ts > fails > deeply");
  });

  it("fails on a file that could not load (a suite error with no case)", () => {
    const verdict = junitVerdict(summarizeJunit(report(PASSING, 1)));
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContain("  FAILED: a.test.ts (the file failed to load)");
  });

  it("fails on an empty report", () => {
    expect(junitVerdict(summarizeJunit(report(""))).ok).toBe(false);
  });
});
