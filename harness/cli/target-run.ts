import { readHttpAppEnv, type HttpAppEnv } from "../target/http-env";
import { defaultTargetArg, loadTarget } from "../target/load-target";
import { srcTarget } from "../target/src-target";
import type { Stage } from "../target/stage";
import type { ModuleTarget, Target } from "../target/target";
import { TargetConfigError } from "../target/validate-target";
import type { ReportTarget } from "../report/write-report";
import type { ChaosArgs } from "./args";

/** The app under test for one CLI run, resolved (and checked) before anything starts. */
export interface TargetRun {
  target: Target;
  mode: Stage["mode"];
  /** For an HTTP target: what its app was started with, read from the same env vars. */
  http?: HttpAppEnv;
  /** The flags that select it again, for rerun commands. */
  flags: string;
}

/** `--target` and `--mode`: throws naming the problem (exit 2) when the config, the flags or the app's env are wrong. */
export async function resolveTargetRun(args: ChaosArgs, env: NodeJS.ProcessEnv = process.env): Promise<TargetRun> {
  const chosen = args.target ?? defaultTargetArg();
  const target = chosen ? await loadTarget(chosen) : srcTarget();
  const targetFlag = chosen ? ` --target ${chosen}` : "";
  if (target.kind === "http") {
    if (args.mode) throw new Error("cronstorm: --mode applies to module targets; an HTTP target runs however its app runs");
    // The app keeps one database (the one it was started on): the next scenario re-creates it and the
    // run drops it at the end, so a failing scenario's database cannot be kept.
    const keep = args.keepDb ? "--keep-db" : env.CRONSTORM_KEEP_DB === "1" ? "CRONSTORM_KEEP_DB=1" : undefined;
    if (keep) throw new Error(`cronstorm: ${keep} applies to module targets; an HTTP target's app has one database, re-created before every scenario and dropped at the end, so nothing could be kept for inspection`);
    // --list runs nothing; the scenarios and the catalog's entries that need no handle on its process do.
    const needsApp = !args.list;
    return { target, mode: "http", http: needsApp ? readHttpAppEnv(target, env) : undefined, flags: targetFlag };
  }
  const mode = args.mode ?? "shared";
  // Only the scenario suite runs the module (--list runs nothing, the catalog reports other targets unavailable).
  if (mode === "shared" && !target.resetModuleState && !args.catalog && !args.list) {
    const keep = args.keepDb ? "--keep-db" : env.CRONSTORM_KEEP_DB === "1" ? "CRONSTORM_KEEP_DB=1" : undefined;
    if (keep) throw keepWithFixedDatabase(target, keep);
  }
  return { target, mode, flags: `${targetFlag}${mode === "isolated" ? " --mode isolated" : ""}` };
}

/**
 * Shared mode imports the module once into this process. A module with no resetModuleState keeps the
 * database URL it was imported with (an import-time client), so the run gives it one database and
 * re-creates its content before every scenario (harness/target/fixed-database.ts): there is no failing
 * scenario's database left to keep.
 */
function keepWithFixedDatabase(target: ModuleTarget, keep: string): TargetConfigError {
  return new TargetConfigError(
    `cronstorm: ${keep} cannot keep a failing scenario's database for target config ${target.source} in --mode shared:\n` +
      `  - it declares no resetModuleState, so its app (${target.module}) keeps one database URL for the whole run, and ` +
      `every scenario re-creates that database's content: nothing could be kept for inspection. Run --mode isolated ` +
      `(fresh processes, a database per scenario), or declare resetModuleState: an async function that closes the app's ` +
      `database pool, so each scenario gets a database of its own.\n` +
      `Nothing was started.`,
  );
}

/** One line naming the target for the run's header and report. */
export function describeTarget(run: TargetRun): string {
  const where = run.target.kind === "module" ? run.target.module : run.target.url;
  return `target "${run.target.name}" (${run.mode}${run.target.builtIn ? ", built-in" : `, ${run.target.source}`}): ${where}`;
}

/** How the report names the app under test. */
export function reportTarget(run: TargetRun): ReportTarget {
  const where = run.target.kind === "module" ? run.target.module : run.target.url;
  return { name: run.target.name, kind: run.target.kind, mode: run.mode, where, flags: run.flags };
}
