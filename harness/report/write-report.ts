import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ScenarioResult } from "../scenario/run-scenario";
import { combine } from "../checks/verdict";
import { rerunCommand } from "./format-failure";
import { markdownTable, VERDICT_HEADER, verdictRows } from "./verdict-table";

export const RESULTS_SCHEMA_VERSION = 1;

export interface RunReport {
  schemaVersion: number;
  tool: "cronstorm";
  runId: string;
  startedAt: string;
  finishedAt: string;
  baseSeed: number;
  timeScale: number;
  database: string;
  status: ScenarioResult["status"];
  scenarios: ScenarioResult[];
}

export function buildReport(input: Omit<RunReport, "schemaVersion" | "tool" | "status">): RunReport {
  return { schemaVersion: RESULTS_SCHEMA_VERSION, tool: "cronstorm", status: combine(input.scenarios.map((s) => s.status)), ...input };
}

/** Writes reports/<run-id>/{results.json,report.md} and points reports/latest at it. */
export async function writeReport(report: RunReport, reportsDir = resolve("reports")): Promise<string> {
  const dir = join(reportsDir, report.runId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, "report.md"), reportMarkdown(report));
  const latest = join(reportsDir, "latest");
  await rm(latest, { recursive: true, force: true });
  await symlink(report.runId, latest);
  return dir;
}

export function reportMarkdown(report: RunReport): string {
  const failing = report.scenarios.filter((s) => s.status !== "pass");
  return [
    `# cronstorm chaos run ${report.runId}: ${report.status.toUpperCase()}`,
    "",
    `Database: ${report.database}. Base seed ${report.baseSeed}. Time scale ×${report.timeScale}: production durations ran ${report.timeScale}× faster; every duration below is in production units.`,
    "",
    "## Scenarios",
    "",
    markdownTable(
      ["scenario", "proves", "verdict", "proceeded / invocations", "jobs ok", "throughput (jobs/min)", "longest run (s)", "OpenAI peak in flight"],
      report.scenarios.map((s) => [
        s.name,
        s.proves,
        s.status.toUpperCase(),
        `${s.figures.proceeded} / ${s.figures.invocations}`,
        String(s.figures.jobsSucceeded),
        String(s.figures.throughputPerMinute),
        String(s.figures.longestRunSeconds),
        String(s.figures.openaiPeakInFlight),
      ]),
    ),
    "",
    "## Verdicts",
    "",
    markdownTable(VERDICT_HEADER, verdictRows(report.scenarios)),
    "",
    ...(failing.length
      ? ["## Rerun a failure", "", ...failing.map((s) => `- \`${rerunCommand(s, report.baseSeed)}\``), ""]
      : []),
  ].join("\n");
}
