import { mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { publishReport } from "./write-report";

describe("reports/latest-<kind>", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const reportsDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "cronstorm-reports-"));
    dirs.push(dir);
    return dir;
  };

  it("keeps the last report of each kind, so a chaos run does not hide the last bench report", async () => {
    const reports = reportsDir();
    await publishReport("bench", "run-1", { "report.html": "bench" }, reports);
    await publishReport("chaos", "run-2", { "report.md": "chaos" }, reports);
    await publishReport("catalog", "run-3", { "report.md": "catalog" }, reports);
    expect(readlinkSync(join(reports, "latest-bench"))).toBe("run-1");
    expect(readFileSync(join(reports, "latest-bench", "report.html"), "utf8")).toBe("bench");
    expect(readlinkSync(join(reports, "latest-chaos"))).toBe("run-2");
    expect(readlinkSync(join(reports, "latest-catalog"))).toBe("run-3");
    // reports/latest is the newest run of any kind.
    expect(readlinkSync(join(reports, "latest"))).toBe("run-3");
  });

  it("moves a kind's link atomically when runs of that kind finish together", async () => {
    const reports = reportsDir();
    await Promise.all(Array.from({ length: 8 }, (_, i) => publishReport("chaos", `run-${i}`, { "report.md": String(i) }, reports)));
    expect(readlinkSync(join(reports, "latest-chaos"))).toMatch(/^run-\d$/);
  });
});
