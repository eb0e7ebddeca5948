import { CATALOG } from "../../scenarios/catalog";
import { runChaos, type ChaosResult } from "../chaos/run-chaos";
import { pgbouncerAvailable } from "../db/pgbouncer";
import { catalogFindings, catalogRows } from "../report/catalog-table";
import { chaosRerunCommand } from "../report/format-chaos";
import { textTable } from "../report/verdict-table";
import { buildReport, writeReport } from "../report/write-report";
import type { ChaosArgs } from "./args";
import { capturingLogs } from "./capture-logs";
import { resolveSettings, withHarness } from "./suite";

/** The fault catalog: a fault × invariant table, report files, and exit 1 on any unexpected verdict. */
export async function runCatalogSuite(args: ChaosArgs): Promise<number> {
  const known = new Set(CATALOG.map((s) => s.name));
  const unknownNames = (args.only ?? []).filter((n) => !known.has(n));
  if (unknownNames.length > 0) {
    console.error(`cronstorm: --only names unknown catalog entries ${unknownNames.join(", ")}; run \`npm run chaos -- --catalog --list\``);
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
  const serverKind = await withHarness(args, settings, async (context, kind) => {
    console.info(`cronstorm: fault catalog, ${entries.length} entries on ${kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    for (const skip of skipped) console.info(`  - ${skip.name}: skipped, ${bouncer.available ? "" : bouncer.reason}`);
    for (const spec of entries) {
      const { value: result } = await capturingLogs(() => runChaos(spec, context));
      results.push(result);
      console.info(`  ${result.asExpected ? "✓" : "✗"} ${spec.name}`);
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
    scenarios: [],
    catalog: results,
  });
  const dir = await writeReport(report);
  console.info(`Report: ${dir}/report.md`);
  const unexpected = results.filter((r) => !r.asExpected);
  for (const result of unexpected) console.error(`rerun ${result.name}: ${chaosRerunCommand(result, baseSeed)}`);
  console.info(unexpected.length === 0 ? "\nVERDICT: every entry as expected" : `\nVERDICT: FAIL (${unexpected.length} unexpected)`);
  return unexpected.length === 0 ? 0 : 1;
}
