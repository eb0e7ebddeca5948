import { catalogFindings, catalogRows } from "../report/catalog-table";
import { chaosRerunCommand } from "../report/format-chaos";
import { textTable } from "../report/verdict-table";
import { describeShard } from "../shard/shard";
import type { CatalogBlob } from "../shard/blob";
import { EXIT } from "./exit-codes";

/**
 * How one shard of a catalog run ends: its share's table, and exit 1 when an entry of its own came out
 * unexpected, so the CI job of that shard goes red where the failure is. It writes no report: a report
 * of part of the run would read as the run's. Whether anything was judged at all, and the run's report,
 * are for `cronstorm merge-reports`.
 */
export function concludeCatalogShard(blob: CatalogBlob, blobDir: string): number {
  const { results, shard } = blob;
  const { header, rows } = catalogRows(results);
  if (results.length > 0) console.info(`\n${textTable(header, rows)}\n`);
  const findings = catalogFindings(results);
  if (findings.length > 0) console.info(`Why:\n${findings.map((f) => `  ${f}`).join("\n")}\n`);
  const unexpected = results.filter((r) => !r.asExpected);
  for (const result of unexpected) console.error(`rerun ${result.name}: ${chaosRerunCommand(result, blob.target.flags)}`);
  console.info(`Once every shard has left its blob in ${blobDir}/, \`npx cronstorm merge-reports ${blobDir}\` writes the run's report and verdict.`);
  const name = `SHARD ${describeShard(shard)}`;
  if (blob.run.everyUnavailable) {
    console.error(`\n${name}: nothing was judged: every catalog entry is unavailable for this target (reasons above)`);
    return EXIT.verdictFailed;
  }
  console.info(unexpected.length === 0 ? `\n${name}: every entry of this share as expected (${results.length} ${results.length === 1 ? "entry" : "entries"})` : `\n${name}: FAIL (${unexpected.length} unexpected)`);
  return unexpected.length === 0 ? EXIT.pass : EXIT.verdictFailed;
}
