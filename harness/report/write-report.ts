import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import type { ScenarioResult } from "../drivers/scenario/scenario-result";
import { catalogFindings, catalogRows } from "./catalog-table";
import { chaosReportHtml } from "./chaos-html";
import { chaosRerunCommand } from "./format-chaos";
import { combine, type VerdictStatus } from "../checks/verdict";
import { rerunCommand } from "./format-failure";
import { markdownTable, VERDICT_HEADER, verdictRows } from "./verdict-table";

export const RESULTS_SCHEMA_VERSION = 1;

/** A run's directory name under reports/: its start time, sortable and safe in a path. */
export const runIdOf = (startedAt: Date) => startedAt.toISOString().replace(/[:.]/g, "-");

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
  /** The app under test; absent in reports written before targets existed (src/). */
  target?: ReportTarget;
  scenarios: ScenarioResult[];
  /** Fault catalog results, when the run was `--catalog`. */
  catalog?: ChaosResult[];
}

export interface ReportTarget {
  name: string;
  kind: "module" | "http";
  mode: "shared" | "isolated" | "http";
  /** The route module's path or the URL. */
  where: string;
  /** `--target …` / `--mode …` flags that select it again (empty for src/). */
  flags: string;
}

/** Stamps a finished run: its id and times come from when it started and when it finished (default: now). */
export function buildReport(run: Omit<RunReport, "schemaVersion" | "tool" | "status" | "runId" | "startedAt" | "finishedAt"> & { startedAt: Date; finishedAt?: Date | undefined }): RunReport {
  const { finishedAt = new Date(), ...rest } = run;
  const input = { ...rest, runId: runIdOf(run.startedAt), startedAt: run.startedAt.toISOString(), finishedAt: finishedAt.toISOString() };
  const catalogStatuses: VerdictStatus[] = (input.catalog ?? []).map((c) => (c.status === "unavailable" ? "unavailable" : c.asExpected ? "pass" : "fail"));
  const statuses = [...input.scenarios.map((s) => s.status), ...catalogStatuses];
  return { schemaVersion: RESULTS_SCHEMA_VERSION, tool: "cronstorm", status: combine(statuses), ...input };
}

/** The kinds of run that write a report; each keeps its own `reports/latest-<kind>` link. */
export type ReportKind = "chaos" | "catalog" | "bench" | "selftest";

/** Writes reports/<run-id>/{results.json,report.md,report.html} and points reports/latest-chaos (or -catalog) at it. */
export function writeReport(report: RunReport, reportsDir = resolve("reports")): Promise<string> {
  const files = { "results.json": `${JSON.stringify(report, null, 2)}\n`, "report.md": reportMarkdown(report), "report.html": chaosReportHtml(report) };
  return publishReport(report.catalog ? "catalog" : "chaos", report.runId, files, reportsDir);
}

/**
 * Writes the files into reports/<run-id>/ and points two links at that directory: reports/latest-<kind>,
 * so a chaos run never hides the last bench report, and reports/latest, the newest run of any kind.
 */
export async function publishReport(kind: ReportKind, runId: string, files: Record<string, string>, reportsDir = resolve("reports")): Promise<string> {
  const dir = join(reportsDir, runId);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  await pointLink(reportsDir, `latest-${kind}`, runId);
  await pointLink(reportsDir, "latest", runId);
  return dir;
}

async function pointLink(reportsDir: string, name: string, runId: string): Promise<void> {
  // Runs can finish at the same moment (the test files run in parallel): a new link renamed over the
  // old one replaces it atomically, where remove-then-link would race.
  const link = join(reportsDir, name);
  const staged = join(reportsDir, `.${name}-${process.pid}-${randomBytes(3).toString("hex")}`);
  await symlink(runId, staged);
  try {
    await rename(staged, link);
  } catch {
    // An old link that is a directory cannot be renamed over.
    await rm(link, { recursive: true, force: true });
    await rename(staged, link);
  }
}

export function reportMarkdown(report: RunReport): string {
  return report.catalog ? catalogMarkdown(report, report.catalog) : scenariosMarkdown(report);
}

function catalogMarkdown(report: RunReport, results: ChaosResult[]): string {
  const { header, rows } = catalogRows(results);
  const unexpected = results.filter((r) => !r.asExpected);
  return [
    `# cronstorm fault catalog ${report.runId}: ${report.status.toUpperCase()}`,
    "",
    `Database: ${report.database}. Base seed ${report.baseSeed}. Time scale ×${report.timeScale}.`,
    ...(report.target ? ["", `Target: ${report.target.name} (${report.target.kind}): ${report.target.where}.`] : []),
    "",
    markdownTable(header, rows),
    "",
    "## Findings",
    "",
    ...catalogFindings(results).map((f) => `- ${f}`),
    "",
    ...(unexpected.length ? ["## Rerun", "", ...unexpected.map((r) => `- \`${chaosRerunCommand(r, report.target?.flags)}\``), ""] : []),
  ].join("\n");
}

function scenariosMarkdown(report: RunReport): string {
  const failing = report.scenarios.filter((s) => s.status === "fail" || s.status === "unknown");
  return [
    `# cronstorm chaos run ${report.runId}: ${report.status.toUpperCase()}`,
    "",
    `Database: ${report.database}. Base seed ${report.baseSeed}. Time scale ×${report.timeScale}: production durations ran ${report.timeScale}× faster; every duration below is in production units.`,
    ...(report.target ? ["", `Target: ${report.target.name} (${report.target.kind}, ${report.target.mode}): ${report.target.where}.`] : []),
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
      ? ["## Rerun a failure", "", ...failing.map((s) => `- \`${rerunCommand(s, report.target?.flags)}\``), ""]
      : []),
  ].join("\n");
}
