import { resolve } from "node:path";
import { CATALOG } from "../../scenarios/catalog";
import type { ChaosResult } from "../drivers/catalog/chaos-result";
import type { ChaosSpec } from "../drivers/catalog/spec";
import { runChaos } from "../drivers/catalog/run-chaos";
import { pgbouncerAvailable } from "../db/pgbouncer";
import { catalogEntry, writeVerdictsFile } from "../report/verdicts-file";
import type { ReportTarget } from "../report/write-report";
import { type CatalogBlob, BLOB_SCHEMA_VERSION, BLOB_TOOL, CRONSTORM_VERSION } from "../shard/blob";
import { mergeCatalogBlobs } from "../shard/merge-catalog";
import { describeShard, type Shard, shareOf, WHOLE_RUN } from "../shard/shard";
import { writeBlob } from "../shard/write-blob";
import { catalogUnavailable } from "../target/availability";
import { moduleStage } from "../target/module-stage";
import type { ChaosArgs } from "./args";
import { capturingLogs } from "./capture-logs";
import { concludeCatalog } from "./catalog-verdict";
import { concludeCatalogShard } from "./catalog-shard-verdict";
import { blobDirOf, DEFAULT_BLOB_DIR } from "./shard-args";
import { resolveSettings, withTargetHarness } from "./suite";
import { describeTarget, reportTarget, type TargetRun } from "./target-run";

/** What one run (or one shard) of the catalog did with its share of the selection. */
interface ShareRun {
  results: ChaosResult[];
  skipped: { name: string; reason: string }[];
  /** The kind of PostgreSQL it ran on; null when it had nothing to run and started none. */
  database: string | null;
}

/**
 * The fault catalog: a fault × invariant table, report files, and exit 1 on any unexpected verdict or
 * when nothing was judged. It drives src/; on another target every entry is a visible `unavailable` row
 * saying what it would need. With --shard it runs its share and leaves a blob; merge-reports concludes.
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
  const { baseSeed, scale } = settings;
  const { target } = run;
  // Split before any machine drops what it cannot run (PgBouncer), so every shard computes the same share.
  const selection = CATALOG.filter((s) => !args.only || args.only.includes(s.name));
  const shard = args.shard ?? WHOLE_RUN;
  const share = shareOf(selection, shard);
  // Decided on the whole selection, the same on every shard: an HTTP target none of it can run on.
  const everyUnavailable = target.kind === "http" && selection.every((s) => catalogUnavailable(s, target));
  const startedAt = new Date();
  const ran = everyUnavailable ? reportUnavailable(share, run, baseSeed, scale.factor) : await runShare(share, args, run, settings);
  const blob = catalogBlob({ startedAt, baseSeed, timeScale: scale.factor, target: reportTarget(run), everyUnavailable, selection, shard }, ran);
  const blobDir = blobDirOf(args);
  if (blobDir !== undefined) console.info(`Blob (shard ${describeShard(shard)}): ${await writeBlob(resolve(blobDir), blob)}`);
  if (args.shard) return concludeCatalogShard(blob, blobDir ?? DEFAULT_BLOB_DIR);
  // Unsharded, the run is its own one shard: the same merge builds its report, so a merged run cannot differ.
  const merged = mergeCatalogBlobs([blob]);
  const exitCode = await concludeCatalog(merged);
  if (args.json) await writeVerdictsFile(args.json, { kind: "catalog", exitCode, baseSeed, timeScale: scale.factor, target: target.name, entries: merged.results.map((r) => catalogEntry(r, run.flags)) });
  return exitCode;
}

/** Runs the share's entries on one harness; a share with nothing to run starts no PostgreSQL. */
async function runShare(share: ChaosSpec[], args: ChaosArgs, run: TargetRun, settings: ReturnType<typeof resolveSettings>): Promise<ShareRun> {
  const bouncer = pgbouncerAvailable();
  const entries = share.filter((s) => bouncer.available || !s.viaPgBouncer);
  const skipped = bouncer.available ? [] : share.filter((s) => s.viaPgBouncer).map((s) => ({ name: s.name, reason: bouncer.reason }));
  const results: ChaosResult[] = [];
  const { target } = run;
  const { baseSeed, scale } = settings;
  const of = args.shard ? `, shard ${describeShard(args.shard)}` : "";
  const printSkipped = () => skipped.forEach((s) => console.info(`  - ${s.name}: skipped, ${s.reason}`));
  if (entries.length === 0) {
    console.info(`cronstorm: fault catalog on ${describeTarget(run)}${of}: nothing to run in this share, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    printSkipped();
    return { results, skipped, database: null };
  }
  const database = await withTargetHarness(args, settings, run, async (context, stage, kind) => {
    console.info(`cronstorm: fault catalog on ${describeTarget(run)}${of}, ${entries.length} entries on ${kind} PostgreSQL, seed ${baseSeed}, time scale ×${scale.factor}\n`);
    printSkipped();
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
  return { results, skipped, database };
}

/** Another target: every entry of the share is an `unavailable` row with what it would need; nothing starts. */
function reportUnavailable(share: ChaosSpec[], run: TargetRun, baseSeed: number, timeScale: number): ShareRun {
  console.info(`cronstorm: fault catalog, ${describeTarget(run)}\n`);
  return { results: share.map((spec) => unavailableEntry(spec, catalogUnavailable(spec, run.target) ?? "", baseSeed, timeScale, run.target.name)), skipped: [], database: null };
}

function unavailableEntry(spec: ChaosSpec, why: string, baseSeed: number, timeScale: number, target: string): ChaosResult {
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

/** This run's blob: its results, and the identity of the whole run that merge-reports checks. */
function catalogBlob(run: { startedAt: Date; baseSeed: number; timeScale: number; target: ReportTarget; everyUnavailable: boolean; selection: ChaosSpec[]; shard: Shard }, ran: ShareRun): CatalogBlob {
  // The route's path or URL is where this machine found it; the flags say which app on every machine.
  const { name, kind, mode, flags } = run.target;
  return {
    schemaVersion: BLOB_SCHEMA_VERSION,
    tool: BLOB_TOOL,
    kind: "catalog",
    shard: run.shard,
    run: { cronstormVersion: CRONSTORM_VERSION, entries: run.selection.map((s) => s.name), baseSeed: run.baseSeed, timeScale: run.timeScale, target: { name, kind, mode, flags }, everyUnavailable: run.everyUnavailable },
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    database: ran.database,
    target: run.target,
    skipped: ran.skipped,
    results: ran.results,
  };
}
