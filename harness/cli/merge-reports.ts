import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { BlobInputError } from "../shard/blob-input-error";
import { type CompleteRun, checkShards } from "../shard/check-shards";
import { mergeBenchBlobs } from "../shard/merge-bench";
import { mergeCatalogBlobs } from "../shard/merge-catalog";
import { readBlobs } from "../shard/read-blobs";
import { concludeBench } from "./bench-verdict";
import { concludeCatalog } from "./catalog-verdict";
import { EXIT } from "./exit-codes";
import { DEFAULT_BLOB_DIR } from "./shard-args";

export const MERGE_HELP = `Usage: cronstorm merge-reports [<blob-dir>]

Merges the blobs that \`cronstorm catalog --shard i/n\` or \`cronstorm bench --shard i/n\` left in
<blob-dir> (default ${DEFAULT_BLOB_DIR}/, and its subdirectories one level down) into the report the unsharded run would
have written: reports/<run-id>/{results.json,report.md,report.html}, the same table and verdict line,
and the same exit code (catalog: 1 on any unexpected entry or when nothing was judged; bench: 0).

It refuses (exit 2, naming the files) blobs of different kinds or of different runs (another --only,
--seed, --scale, --target or sweep), a shard there twice, and a missing shard. See docs/sharding.md.`;

/** `cronstorm merge-reports [<blob-dir>]`: one run's report from its shards' blobs; resolves to the exit code. */
export async function mergeReportsMain(argv: string[]): Promise<number> {
  let dir: string;
  try {
    const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { help: { type: "boolean", default: false } } });
    if (values.help) return void console.info(MERGE_HELP), EXIT.pass;
    if (positionals.length > 1) throw new Error(`takes one blob directory, got ${positionals.length}: ${positionals.join(" ")}`);
    dir = positionals[0] ?? DEFAULT_BLOB_DIR;
  } catch (error) {
    console.error(`cronstorm merge-reports: ${(error as Error).message}. Run \`cronstorm merge-reports --help\`.`);
    return EXIT.badInput;
  }
  let run: CompleteRun;
  try {
    run = checkShards(await readBlobs(resolve(dir)));
  } catch (error) {
    if (!(error instanceof BlobInputError)) throw error;
    console.error(error.message);
    return EXIT.badInput;
  }
  console.info(`cronstorm merge-reports: ${run.kind === "catalog" ? "fault catalog" : "bench"}, ${run.blobs.length} shard(s) from ${dir}`);
  if (run.kind === "bench") return concludeBench(mergeBenchBlobs(run.blobs));
  const merged = mergeCatalogBlobs(run.blobs);
  for (const s of merged.skipped) console.info(`  - ${s.name}: skipped on shard ${s.shard}, ${s.reason}`);
  return concludeCatalog(merged);
}
