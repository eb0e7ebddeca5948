import { describe, expect, it } from "vitest";
import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { scenarioFindings } from "./verdict-table";

const verdict = (invariant: string, status: "pass" | "fail" | "unknown" | "unavailable", detail: string) => ({ invariant, status, detail });
const result = (name: string, verdicts: ReturnType<typeof verdict>[]) => ({ name, verdicts }) as unknown as ScenarioResult;

describe("the Why: lines under the verdict table", () => {
  it("give each failing and unjudged verdict whole, and nothing that passed or could not run", () => {
    const long = `${"x".repeat(200)} the end`;
    const findings = scenarioFindings([
      result("burst-2", [verdict("exactly one run proceeds", "fail", long), verdict("lock is free afterwards", "pass", "fine")]),
      result("auth-missing", [verdict("route locks its declared key", "unknown", "no lock seen"), verdict("run stays within the time budget", "unavailable", "fixed env")]),
    ]);
    expect(findings).toEqual([`burst-2 / exactly one run proceeds [fail]: ${long}`, "auth-missing / route locks its declared key [unknown]: no lock seen"]);
  });
});
