import { CATALOG } from "../../scenarios/catalog";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import { runChaos } from "../drivers/catalog/run-chaos";
import { pgbouncerAvailable } from "../db/pgbouncer";
import { catalogFindings, catalogRows } from "../report/catalog-table";
import { chaosRerunCommand } from "../report/format-chaos";
import { textTable } from "../report/verdict-table";
import { catalogEntry, writeVerdictsFile } from "../report/verdicts-file";
import { buildReport, writeReport } from "../report/write-report";
import { catalogUnavailable } from "../target/availability";
import { moduleStage } from "../target/module-stage";
import type { ChaosArgs } from "./args";
import { capturingLogs } from "./capture-logs";
import { EXIT } from "./exit-codes";
import { nothingJudged } from "./nothing-judged";
import { resolveSettings, withTargetHarness } from "./suite";
import { describeTarget, type TargetRun } from "./target-run";

/**
 * The fault catalog: a fault × invariant table, report files, and exit 1 on any unexpected verdict or
 * when nothing was judged. It drives src/; on another target every entry is a visible `unavailable` row
 * saying what it would need.
 */
export async function runCatalogSuite(args: ChaosArgs, run: TargetRun): Promise<number> {
  const known = new Set(CATALOG.map((s) => s.name));
  const unknownNames = (args.only ?? []).filter((n) => !known.has(n));
  if (unknownNames.length > 0) {
    console.error(`cronstorm: --only names unknown catalog entries ${unknownNames.join(", ")}; run \`cronstorm list --catalog\``);
    return 2;
  }
  let settings;
  try {
    settings = resolveSettings(args);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const bouncer = pgbouncerAvailable();
  const entries = CATALOG.filter((s) => (!args.only || args.only.includes(s.name)) && (bouncer.available || !s.viaPgBouncer));
  const skipped = CATALOG.filter((s) => s.viaPgBouncer && !bouncer.available && (!args.only || args.only.includes(s.name)));
  const { baseSeed, scale } = settings;
  const startedAt = new Date();
  const results: ChaosResult[] = [];
  const { target } = run;
  if (target.kind === "http" && entries.every((s) => catalogUnavailable(s, target))) return reportUnavailable(args, run, { startedAt, baseSeed, timeScale: scale.factor });
  const serverKind = await withTargetHarness(args, settings, run, async (context, stage, kind) => {
    console.info(`cronstorm: fault catalog on ${describeTarget(run)}, ${entries.length} entries on ${kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    for (const skip of skipped) console.info(`  - ${skip.name}: skipped, ${bouncer.available ? "" : bouncer.reason}`);
    // One stage for the run: an HTTP app's, or a shared-mode one (an import-time client keeps one database).
    const sharedStage = target.kind === "http" ? stage : moduleStage(target, context.scratch, "shared");
    const on = target.builtIn ? undefined : { target, scratch: context.scratch, sharedStage };
    try {
      for (const spec of entries) {
        const why = catalogUnavailable(spec, target);
        const result = why ? unavailableEntry(spec, why, baseSeed, scale.factor, target.name) : (await capturingLogs(() => runChaos(spec, context, on))).value;
        results.push(result);
        console.info(`  ${why ? "-" : result.asExpected ? "✓" : "✗"} ${spec.name}${why ? `: unavailable, ${why}` : ""}`);
      }
    } finally {
      if (target.kind === "module") await on?.sharedStage.close?.();
    }
    return kind;
  });

  const { header, rows } = catalogRows(results);
  console.info(`\n${textTable(header, rows)}\n`);
  const findings = catalogFindings(results);
  if (findings.length > 0) console.info(`Why:\n${findings.map((f) => `  ${f}`).join("\n")}\n`);
  const report = buildReport({
    startedAt,
    baseSeed,
    timeScale: scale.factor,
    database: serverKind,
    target: reportTarget(run),
    scenarios: [],
    catalog: results,
  });
  const dir = await writeReport(report);
  console.info(`Report: ${dir}/report.md`);
  const unexpected = results.filter((r) => !r.asExpected);
  for (const result of unexpected) console.error(`rerun ${result.name}: ${chaosRerunCommand(result, run.flags)}`);
  const exitCode = catalogVerdictLine(results, unexpected.length);
  if (args.json) await writeVerdictsFile(args.json, { kind: "catalog", exitCode, baseSeed, timeScale: scale.factor, target: target.name, entries: results.map((r) => catalogEntry(r, run.flags)) });
  return exitCode;
}

/** Prints the catalog's last line and returns its exit code (1 when nothing was judged). */
function catalogVerdictLine(results: ChaosResult[], unexpected: number): number {
  if (unexpected === 0 && nothingJudged(results.map((r) => r.status))) {
    console.error(`\nVERDICT: nothing was judged: ${results.length === 0 ? "every selected entry was skipped (reasons above)" : "every entry is unavailable (reasons above)"}`);
    return EXIT.verdictFailed;
  }
  console.info(unexpected === 0 ? "\nVERDICT: every entry as expected" : `\nVERDICT: FAIL (${unexpected} unexpected)`);
  return unexpected === 0 ? EXIT.pass : EXIT.verdictFailed;
}

/** Another target: every selected entry is an `unavailable` row with what it would need; nothing starts. */
async function reportUnavailable(args: ChaosArgs, run: TargetRun, at: { startedAt: Date; baseSeed: number; timeScale: number }): Promise<number> {
  const selected = CATALOG.filter((s) => !args.only || args.only.includes(s.name));
  const results = selected.map((spec) => unavailableEntry(spec, catalogUnavailable(spec, run.target) ?? "", at.baseSeed, at.timeScale, run.target.name));
  console.info(`cronstorm: fault catalog, ${describeTarget(run)}\n`);
  const { header, rows } = catalogRows(results);
  console.info(`${textTable(header, rows, 150)}\n`);
  const dir = await writeReport(buildReport({ ...at, database: "none", target: reportTarget(run), scenarios: [], catalog: results }));
  console.info(`Report: ${dir}/report.md`);
  console.error("\nVERDICT: nothing was judged: every catalog entry is unavailable for this target (reasons above)");
  return 1;
}

function unavailableEntry(spec: (typeof CATALOG)[number], why: string, baseSeed: number, timeScale: number, target: string): ChaosResult {
  return {
    name: spec.name,
    fault: spec.fault.name,
    models: spec.fault.models,
    target,
    mode: spec.mode,
    baseSeed,
    expect: spec.expect,
    seed: baseSeed,
    timeScale,
    status: "unavailable",
    asExpected: true,
    verdicts: [],
    unavailable: why,
    figures: { ticks: 0, invocations: 0, proceeded: 0, locked: 0, errors: 0, unknown: 0 },
  };
}

/** How the report names the app under test. */
function reportTarget(run: TargetRun) {
  const where = run.target.kind === "module" ? run.target.module : run.target.url;
  return { name: run.target.name, kind: run.target.kind, mode: run.mode, where, flags: run.flags };
}
