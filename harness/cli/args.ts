import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type ShardArgs, SHARD_OPTIONS, readShardArgs } from "./shard-args";

export interface ChaosArgs extends ShardArgs {
  only: string[] | undefined;
  seed: number | undefined;
  scale: number | undefined;
  list: boolean;
  catalog: boolean;
  keepDb: boolean;
  help: boolean;
  /** A cronstorm.config.ts (or its directory), or a running app's cron route URL; undefined: src/. */
  target: string | undefined;
  /** How a module target's invocations run; undefined: shared. */
  mode: "shared" | "isolated" | undefined;
  /** Where to write the verdicts as JSON (harness/report/verdicts-file.ts), for programs; undefined: nowhere. */
  json: string | undefined;
}

export const MODES = ["shared", "isolated"] as const;

export const CHAOS_HELP = `Usage: cronstorm run [flags]   (in this repository: npm run chaos -- [flags])

Runs cronstorm's scenarios against real PostgreSQL and prints a verdict table.
Exits 0 when every invariant passes, 1 on any failure or unknown or when nothing was judged
(every row unavailable), 2 on bad input, 3 when cronstorm itself broke (no verdict reached).

Flags:
  --only <names>   comma-separated scenario names to run (see --list)
  --seed <n>       base seed, 0..4294967295 (default: CRONSTORM_SEED or 9403); replays data, latencies, faults
  --scale <n>      time compression 1..1000 (default: CRONSTORM_TIME_SCALE or 60)
  --catalog        run the fault catalog instead: every fault x invariant, for src and known-bad variants
  --list           list the scenarios (with --catalog: the faults) and what each proves, then exit
  --keep-db        keep the database of a failing scenario for inspection (module targets only)
  --target <t>     the app under test: a cronstorm.config.ts (or a directory holding one), or the URL of
                   a running app's cron route; default ./cronstorm.config.ts if there is one, else the
                   built-in reference app src/ (see docs/targets.md)
  --mode <m>       module targets: shared (one process, default) or isolated (a child process per instance)
  --json <file>    also write the verdicts, with each failure's text, to this JSON file (for programs);
                   with --list, the listed entries
  --shard <i/n>    with --catalog: run only shard i of n (1 ≤ i ≤ n) of the selected entries, with the seeds
                   of the whole run, and write a blob for \`cronstorm merge-reports\` (see docs/sharding.md)
  --blob-dir <dir> with --catalog: where the blob goes (default blob-report/ with --shard; without it,
                   giving it writes the whole run's blob as shard 1/1)
  --help           this text

Environment: CRONSTORM_DB (embedded | url | testcontainers), DATABASE_URL, CRONSTORM_SEED,
CRONSTORM_TIME_SCALE, CRONSTORM_KEEP_DB=1. See docs/cli.md.`;

/** Parses argv strictly: an unknown flag or a bad value is an error that names it. */
export function parseChaosArgs(argv: string[]): ChaosArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        only: { type: "string" },
        seed: { type: "string" },
        scale: { type: "string" },
        list: { type: "boolean", default: false },
        catalog: { type: "boolean", default: false },
        "keep-db": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
        target: { type: "string" },
        mode: { type: "string" },
        json: { type: "string" },
        ...SHARD_OPTIONS,
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new Error(`cronstorm: ${(error as Error).message}. Run \`cronstorm run --help\` for the flags.`, { cause: error });
  }
  const { values } = parsed;
  return {
    only: values.only?.split(",").map((s) => s.trim()).filter(Boolean),
    seed: integerFlag("--seed", values.seed, 0, 0xffffffff),
    scale: integerFlag("--scale", values.scale, 1, 1000),
    list: values.list,
    catalog: values.catalog,
    keepDb: values["keep-db"],
    help: values.help,
    target: stringFlag("--target", values.target),
    mode: modeFlag(values.mode, values.catalog),
    json: jsonFlag(values.json, values.shard),
    ...shardFlags(values, values.catalog, values.list),
  };
}

/** Of the commands parsed here only a catalog run splits: the scenario suite is short, and --list runs nothing. */
function shardFlags(values: { shard?: string; "blob-dir"?: string }, catalog: boolean, list: boolean): ShardArgs {
  const given = values.shard !== undefined ? "--shard" : values["blob-dir"] !== undefined ? "--blob-dir" : undefined;
  if (given && (!catalog || list)) {
    throw new Error(`cronstorm: ${given} applies to a catalog run (\`cronstorm catalog\`) or a bench (\`cronstorm bench\`)${list ? "; --list runs nothing" : "; the scenario suite runs whole"}`);
  }
  return readShardArgs(values);
}

function stringFlag(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === "") throw new Error(`cronstorm: ${flag} takes a path to a cronstorm.config.ts or an http(s) URL, got ""`);
  return raw.trim();
}

/** A shard judges only its share: its verdicts come from merge-reports, so --json belongs to the unsharded run. */
function jsonFlag(raw: string | undefined, shard: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (shard !== undefined) throw new Error("cronstorm: --json applies to a whole run; a --shard run's verdicts are decided by `cronstorm merge-reports`");
  return pathFlag("--json", raw);
}

function pathFlag(flag: string, raw: string): string {
  if (raw.trim() === "") throw new Error(`cronstorm: ${flag} takes a file path to write, got ""`);
  // Checked now: a path that cannot be written would otherwise fail only after the whole run.
  const dir = dirname(resolve(raw.trim()));
  if (!existsSync(dir)) throw new Error(`cronstorm: ${flag} ${raw}: its directory ${dir} does not exist`);
  return raw.trim();
}

function modeFlag(raw: string | undefined, catalog: boolean): ChaosArgs["mode"] {
  if (raw === undefined) return undefined;
  if (!(MODES as readonly string[]).includes(raw)) throw new Error(`cronstorm: --mode takes ${MODES.join(" or ")}, got "${raw}"`);
  if (catalog) throw new Error("cronstorm: --mode applies to the scenario suite; each catalog entry sets its own mode");
  return raw as ChaosArgs["mode"];
}

function integerFlag(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`cronstorm: ${flag} takes a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
