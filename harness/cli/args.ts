import { parseArgs } from "node:util";

export interface ChaosArgs {
  only: string[] | undefined;
  seed: number | undefined;
  scale: number | undefined;
  list: boolean;
  catalog: boolean;
  keepDb: boolean;
  help: boolean;
}

export const CHAOS_HELP = `Usage: npm run chaos -- [flags]

Runs cronstorm's scenarios against real PostgreSQL and prints a verdict table.
Exits 0 when every invariant passes, 1 on any failure or unknown, 2 on bad input.

Flags:
  --only <names>   comma-separated scenario names to run (see --list)
  --seed <n>       base seed, 0..4294967295 (default: CRONSTORM_SEED or 9403); replays data, latencies, faults
  --scale <n>      time compression 1..1000 (default: CRONSTORM_TIME_SCALE or 60)
  --catalog        run the fault catalog instead: every fault x invariant, for src and known-bad variants
  --list           list the scenarios (with --catalog: the faults) and what each proves, then exit
  --keep-db        keep the database of a failing scenario for inspection
  --help           this text

Environment: CRONSTORM_DB (embedded | url | testcontainers), DATABASE_URL, CRONSTORM_SEED,
CRONSTORM_TIME_SCALE, CRONSTORM_KEEP_DB=1. See README.md.`;

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
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new Error(`cronstorm: ${(error as Error).message}. Run \`npm run chaos -- --help\` for the flags.`, { cause: error });
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
  };
}

function integerFlag(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`cronstorm: ${flag} takes a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
