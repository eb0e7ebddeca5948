import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { harnessContext } from "../vitest/harness-context";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { TimeScale } from "../time-scale";
import type { BenchReport } from "./bench-report";
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailability } from "../report/browser";
import { budgetHeadline } from "./headline";
import { reportHtml } from "./report-html";
import { simulateCell } from "./simulate-cell";
import { sweepCells } from "./sweep";

const SCREENSHOTS = join(PROJECT_ROOT, "reports", "screenshots");
const SETTINGS = { windowMs: 300_000, intervalMs: 60_000, jitterMs: 0, duplicateRate: 0, arrivalsPerMinute: 20, initialBacklog: 40, saturationInFlight: 8, rateLimitPerMinute: 120 };

describe("report.html", () => {
  it("renders its charts offline in headless Chromium with no console errors", async (test) => {
    const browser = chromiumAvailability();
    if (!browser.available && process.env.CI !== "true") {
      test.skip(browser.reason);
      return;
    }
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
    const instance = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).catch(async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    });
    try {
      const page = await instance.newPage();
      const problems: string[] = [];
      const network: string[] = [];
      page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("request", (request) => !request.url().startsWith("file:") && network.push(request.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "bench.png"), fullPage: true });

      const charts = await page.$$eval("svg.chart", (nodes) =>
        nodes.map((n) => ({ label: n.getAttribute("aria-label") ?? "", width: n.getBoundingClientRect().width, shapes: n.querySelectorAll("rect.bar, polyline.series").length })),
      );
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
      expect(await page.$$eval("p.headline", (nodes) => nodes.map((n) => n.textContent))).toEqual(budgetHeadline(results, SETTINGS));
      expect(await page.$$eval("svg.chart .arrivals", (nodes) => nodes.map((n) => n.closest("svg")?.getAttribute("aria-label")))).toEqual([
        "Throughput against budget",
        "Backlog over time",
      ]);
      // The lock-off control's calls in flight are drawn beside the locked cell's, and it made calls.
      expect(results.some((r) => r.cell.lock === "off" && r.timeline.inFlight.some((p) => p.calls > 0))).toBe(true);
      for (const chart of charts) {
        expect(chart.width, chart.label).toBeGreaterThan(100);
        expect(chart.shapes, `${chart.label} draws data`).toBeGreaterThan(0);
      }
      expect(await page.$$eval("table tbody tr", (rows) => rows.length)).toBeGreaterThanOrEqual(results.length);
    } finally {
      await instance.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
