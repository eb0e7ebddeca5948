import type { ChaosResult } from "../drivers/catalog/chaos-result";
import { catalogFindings, catalogRows } from "../report/catalog-table";
import { chaosRerunCommand } from "../report/format-chaos";
import { textTable } from "../report/verdict-table";
import { buildReport, type ReportTarget, writeReport } from "../report/write-report";
import { EXIT } from "./exit-codes";
import { nothingJudged } from "./nothing-judged";

/** A finished catalog run, whole or merged from its shards: what its table, report and verdict are made of. */
export interface CatalogOutcome {
  results: ChaosResult[];
  startedAt: Date;
  /** Default: now. A merge passes the last shard's finish. */
  finishedAt?: Date;
  baseSeed: number;
  timeScale: number;
  /** The kind of PostgreSQL the entries ran on; "none" when nothing started. */
  database: string;
  target: ReportTarget;
  /** An HTTP target none of the selected entries can run on: every row says why and nothing was judged. */
  everyUnavailable: boolean;
}

/**
 * Prints the fault × invariant table, writes reports/<run-id>/ and prints the verdict; resolves to the
 * exit code: 1 on any unexpected entry or when nothing was judged. The one ending of `cronstorm catalog`
 * and of `cronstorm merge-reports`, so merged shards end exactly as the unsharded run would.
 */
export async function concludeCatalog(outcome: CatalogOutcome): Promise<number> {
  const { results } = outcome;
  const { header, rows } = catalogRows(results);
  console.info(outcome.everyUnavailable ? `${textTable(header, rows, 150)}\n` : `\n${textTable(header, rows)}\n`);
  const findings = catalogFindings(results);
  if (findings.length > 0 && !outcome.everyUnavailable) console.info(`Why:\n${findings.map((f) => `  ${f}`).join("\n")}\n`);
  const report = buildReport({
    startedAt: outcome.startedAt,
    finishedAt: outcome.finishedAt,
    baseSeed: outcome.baseSeed,
    timeScale: outcome.timeScale,
    database: outcome.database,
    target: outcome.target,
    scenarios: [],
    catalog: results,
  });
  const dir = await writeReport(report);
  console.info(`Report: ${dir}/report.md`);
  if (outcome.everyUnavailable) {
    console.error("\nVERDICT: nothing was judged: every catalog entry is unavailable for this target (reasons above)");
    return EXIT.verdictFailed;
  }
  const unexpected = results.filter((r) => !r.asExpected);
  for (const result of unexpected) console.error(`rerun ${result.name}: ${chaosRerunCommand(result, outcome.target.flags)}`);
  if (unexpected.length === 0 && nothingJudged(results.map((r) => r.status))) {
    console.error(`\nVERDICT: nothing was judged: ${results.length === 0 ? "every selected entry was skipped (reasons above)" : "every entry is unavailable (reasons above)"}`);
    return EXIT.verdictFailed;
  }
  console.info(unexpected.length === 0 ? "\nVERDICT: every entry as expected" : `\nVERDICT: FAIL (${unexpected.length} unexpected)`);
  return unexpected.length === 0 ? EXIT.pass : EXIT.verdictFailed;
}
