import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { harnessContext } from "../../vitest/harness-context";
import { PROJECT_ROOT } from "../../vitest/planted-test";
import { TimeScale } from "../../time-scale";
import type { BenchReport } from "./bench-report";
import { openOffline, skipWithoutChromium } from "../../report/browser";
import { budgetHeadline } from "./headline";
import { reportHtml } from "./report-html";
import { simulateCell } from "./simulate-cell";
import { sweepCells } from "./sweep";

const SCREENSHOTS = join(PROJECT_ROOT, "reports", "screenshots");
const SETTINGS = { windowMs: 300_000, intervalMs: 60_000, jitterMs: 0, duplicateRate: 0, arrivalsPerMinute: 20, initialBacklog: 40, saturationInFlight: 8, rateLimitPerMinute: 120 };

describe("report.html", () => {
  it("renders its charts offline in headless Chromium with no console errors", async (test) => {
    if (skipWithoutChromium(test)) return;
    // Real cells from a short simulated window, so the charts draw real data.
    const context = harnessContext();
    const scale = new TimeScale(120);
    const cells = sweepCells({ budgetsMs: [120_000], latencies: ["normal"], timeoutsMs: [60_000], retries: [2], concurrency: [4], control: true });
    const results = [];
    for (const cell of cells) results.push(await simulateCell(cell, SETTINGS, { scratch: context.scratch, scale, seed: 7 }));
    const report: BenchReport = {
      schemaVersion: 1,
      tool: "cronstorm-bench",
      runId: "browser-test",
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      target: { name: "src", module: "src/app/api/cron/background-jobs/route.ts" },
      seed: 7,
      timeScale: scale.factor,
      accuracy: { referenceScale: 12, throughputErrorPercent: null, note: "not measured in this test" },
      settings: SETTINGS,
      cells: results,
      micro: [],
    };
    const dir = await mkdtemp(join(tmpdir(), "cronstorm-html-"));
    const file = join(dir, "report.html");
    await writeFile(file, reportHtml(report));
    try {
      let charts: { label: string; width: number; shapes: number }[] = [];
      let headlines: (string | null)[] = [];
      let arrivalCharts: (string | null | undefined)[] = [];
      let rows = 0;
      const { problems, network } = await openOffline(file, async (page) => {
        await mkdir(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, "bench.png"), fullPage: true });
        charts = await page.$$eval("svg.chart", (nodes) =>
          nodes.map((n) => ({ label: n.getAttribute("aria-label") ?? "", width: n.getBoundingClientRect().width, shapes: n.querySelectorAll("rect.bar, polyline.series").length })),
        );
        headlines = await page.$$eval("p.headline", (nodes) => nodes.map((n) => n.textContent));
        arrivalCharts = await page.$$eval("svg.chart .arrivals", (nodes) => nodes.map((n) => n.closest("svg")?.getAttribute("aria-label")));
        rows = await page.$$eval("table tbody tr", (r) => r.length);
      });
      expect(problems).toEqual([]);
      expect(network, "the report must work offline: no CDN, no fetches").toEqual([]);
      expect(charts.map((c) => c.label)).toEqual(
        expect.arrayContaining([
          "Throughput against budget",
          "Backlog over time",
          ...results.map((r) => `Timeline: ${r.label}`),
          ...results.map((r) => `OpenAI calls in flight: ${r.label}`),
        ]),
      );
      // The answer is at the top, computed from these cells, and the rate it answers to is drawn.
      expect(headlines).toEqual(budgetHeadline(results, SETTINGS));
      expect(arrivalCharts).toEqual(["Throughput against budget", "Backlog over time"]);
      // The lock-off control's calls in flight are drawn beside the locked cell's, and it made calls.
      expect(results.some((r) => r.cell.lock === "off" && r.timeline.inFlight.some((p) => p.calls > 0))).toBe(true);
      for (const chart of charts) {
        expect(chart.width, chart.label).toBeGreaterThan(100);
        expect(chart.shapes, `${chart.label} draws data`).toBeGreaterThan(0);
      }
      expect(rows).toBeGreaterThanOrEqual(results.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
