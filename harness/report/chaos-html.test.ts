import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runCommand } from "../process/run-command";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { testRunServerEnv } from "../vitest/test-run-server";
import { openOffline, skipWithoutChromium } from "./browser";

const SCREENSHOTS = join(PROJECT_ROOT, "reports", "screenshots");

/** Runs `npm run chaos -- <args>` as a user would (on the test run's PostgreSQL: the report is the subject here) and returns its exit code and the report directory it printed. */
async function chaosRun(args: string[]): Promise<{ code: number | null; dir: string; output: string }> {
  const run = await runCommand("npm", ["run", "--silent", "chaos", "--", ...args], { cwd: PROJECT_ROOT, env: { CI: "", ...testRunServerEnv() }, timeoutMs: 100_000 });
  const dir = /Report: (.+)\/report\.md/.exec(run.stdout)?.[1];
  if (!dir) throw new Error(`no report path in the output:\n${run.stdout}\n${run.stderr}`);
  return { code: run.code, dir, output: run.stdout + run.stderr };
}

/** Opens a report offline in Chromium; it must log no error and fetch nothing. */
async function openReport(file: string, check: (page: Page) => Promise<void>): Promise<void> {
  const { problems, network } = await openOffline(file, check);
  expect(problems).toEqual([]);
  expect(network, "the report must work offline: no CDN, no fetches").toEqual([]);
}

describe("report.html of a chaos run", () => {
  it("shows the lock-free route's ten runs overlapping on burst-10, marked as the evidence, offline in Chromium", async (test) => {
    if (skipWithoutChromium(test)) return;
    // The command a user runs, on the known-bad target: it must fail, and say where its report is.
    const run = await chaosRun(["--target", "harness/fixtures/no-lock", "--only", "burst-10"]);
    expect(run.code, run.output).toBe(1);
    await openReport(join(run.dir, "report.html"), async (page) => {
      const section = page.locator("details#burst-10");
      expect(await section.getAttribute("open"), "a failing scenario opens").not.toBeNull();
      const runs = await section.locator("svg.timeline rect.span.tone-ran").evaluateAll((nodes) =>
        nodes.map((n) => ({ x: Number(n.getAttribute("x")), end: Number(n.getAttribute("x")) + Number(n.getAttribute("width")), evidence: n.classList.contains("evidence"), shown: n.getBoundingClientRect().width > 0 })),
      );
      expect(runs).toHaveLength(10);
      expect(runs.every((r) => r.evidence && r.shown)).toBe(true);
      // Overlapping: every run started before any of them ended.
      expect(Math.max(...runs.map((r) => r.x))).toBeLessThan(Math.min(...runs.map((r) => r.end)));
      expect(await section.locator("li.verdict.fail").count()).toBeGreaterThan(0);
      await mkdir(SCREENSHOTS, { recursive: true });
      await section.screenshot({ path: join(SCREENSHOTS, "chaos-burst-10-no-lock.png") });
    });
  }, 150_000);

  it("shades a catalog entry's fault window on its timeline, and folds an entry that went as expected", async (test) => {
    if (skipWithoutChromium(test)) return;
    const run = await chaosRun(["--catalog", "--only", "duplicate-delivery"]);
    expect(run.code, run.output).toBe(0);
    await openReport(join(run.dir, "report.html"), async (page) => {
      const section = page.locator("details#duplicate-delivery");
      expect(await section.getAttribute("open"), "an entry that went as expected folds").toBeNull();
      await section.locator("summary").click();
      const windows = await section.locator("svg.timeline rect.fault").evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().width));
      expect(windows.length).toBeGreaterThan(0);
      expect(Math.min(...windows)).toBeGreaterThan(0);
      expect(await section.locator("svg.timeline rect.span").count()).toBeGreaterThan(0);
      // A lane per instance process (the catalog runs three), and the lock hold both as the route
      // reported it and as pg_locks showed it.
      expect(await section.locator("svg.timeline rect.lane-instances").count()).toBe(3);
      expect(await section.locator("svg.timeline rect.lane-lock").count()).toBeGreaterThan(0);
      expect(await section.locator("svg.timeline rect.lane-pg-locks").count()).toBeGreaterThan(0);
      await mkdir(SCREENSHOTS, { recursive: true });
      await section.screenshot({ path: join(SCREENSHOTS, "catalog-duplicate-delivery.png") });
    });
  }, 150_000);
});
