import { parseArgs } from "node:util";
import { parseDuration, parseDurationList } from "../drivers/bench/durations";
import { LATENCY_PRESETS, latencyPreset } from "../drivers/bench/presets";
import type { SweepAxes } from "../drivers/bench/sweep";
import type { SimulationSettings } from "../drivers/bench/cell";
import { DEFAULT_BLOB_DIR, type ShardArgs, SHARD_OPTIONS, readShardArgs } from "./shard-args";

export const BENCH_HELP = `Usage: cronstorm bench [flags]   (in this repository: npm run bench -- [flags])

Simulates hours of cron ticks against the real route handler in compressed time, sweeps budget
settings, runs the lock-path micro-benchmarks, and writes reports/<run-id>/{results.json,report.md,report.html}.

Sweep axes (comma-separated lists; durations like 250ms, 7.5s, 4m, 1h):
  --budgets <durations>     BACKGROUND_JOB_CRON_TIME_BUDGET_MS values   (default 120s,240s,480s)
  --latency <names>         OpenAI latency profiles: ${Object.keys(LATENCY_PRESETS).join(", ")} (default normal)
  --timeouts <durations>    OPENAI_TIMEOUT_MS values                    (default 60s)
  --retries <counts>        OPENAI_MAX_RETRIES values                   (default 2)
  --concurrency <counts>    BACKGROUND_JOB_CONCURRENCY values           (default 4)
  --no-control              leave out the lock-off control cells

Simulation:
  --window <duration>       production time simulated per cell          (default 1h)
  --interval <duration>     cron interval                               (default 60s)
  --arrivals <n>            new jobs per production minute              (default 40)
  --backlog <n>             jobs waiting when the window opens          (default 100)
  --jitter <duration>       each tick arrives up to this late           (default 0s)
  --duplicates <rate>       probability a tick is delivered twice, 0..1 (default 0)
  --saturation <n>          OpenAI requests in flight that double latency (default 8)
  --rate-limit <n>          OpenAI requests per minute before 429s      (default 120)

Run:
  --scale <n>               time compression, 1..1000                   (default 120: 1 h in 30 s)
  --seed <n>                replays data, latency draws and jitter      (default CRONSTORM_SEED or 9403)
  --skip-accuracy           skip measuring the compression error (the first cell, budget 1.5 intervals,
                            over 4 intervals, at --scale and at --scale/10; ~20 s)
  --skip-micro              skip the tinybench micro-benchmarks
  --target <config>         bench your route module: a cronstorm.config.ts, or the folder holding one
                            (default ./cronstorm.config.ts if there is one, else src/; another app
                            has no lock-off control cells)
  --shard <i/n>             run only shard i of n (1 ≤ i ≤ n) of the sweep's cells, with the seeds of the
                            whole sweep, and write a blob for \`cronstorm merge-reports\` (docs/sharding.md);
                            shard 1 also measures the accuracy and the micro-benchmarks
  --blob-dir <dir>          where the blob goes (default ${DEFAULT_BLOB_DIR}/ with --shard; without --shard,
                            giving it writes the whole sweep's blob as shard 1/1)
  --help                    this text`;

export interface BenchArgs extends ShardArgs {
  axes: SweepAxes;
  settings: SimulationSettings;
  scale: number;
  seed: number | undefined;
  accuracy: boolean;
  micro: boolean;
  help: boolean;
  /** A module target's config (file or folder); undefined for src/. */
  target: string | undefined;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        budgets: { type: "string", default: "120s,240s,480s" },
        latency: { type: "string", default: "normal" },
        timeouts: { type: "string", default: "60s" },
        retries: { type: "string", default: "2" },
        concurrency: { type: "string", default: "4" },
        "no-control": { type: "boolean", default: false },
        window: { type: "string", default: "1h" },
        interval: { type: "string", default: "60s" },
        arrivals: { type: "string", default: "40" },
        backlog: { type: "string", default: "100" },
        jitter: { type: "string", default: "0ms" },
        duplicates: { type: "string", default: "0" },
        saturation: { type: "string", default: "8" },
        "rate-limit": { type: "string", default: "120" },
        scale: { type: "string", default: "120" },
        seed: { type: "string" },
        "skip-accuracy": { type: "boolean", default: false },
        "skip-micro": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
        target: { type: "string" },
        ...SHARD_OPTIONS,
      },
    }));
  } catch (error) {
    throw new Error(`cronstorm: ${(error as Error).message}. Run \`cronstorm bench --help\` for the flags.`, { cause: error });
  }
  const latencies = list(values.latency);
  latencies.forEach(latencyPreset);
  const windowMs = parseDuration("--window", values.window);
  const intervalMs = parseDuration("--interval", values.interval);
  if (windowMs < intervalMs) throw new Error("cronstorm: --window must be at least one --interval long");
  return {
    axes: {
      budgetsMs: parseDurationList("--budgets", values.budgets),
      latencies,
      timeoutsMs: parseDurationList("--timeouts", values.timeouts),
      retries: list(values.retries).map((v) => int("--retries", v, 0, 10)),
      concurrency: list(values.concurrency).map((v) => int("--concurrency", v, 1, 64)),
      control: !values["no-control"],
    },
    settings: {
      windowMs,
      intervalMs,
      jitterMs: values.jitter === "0" || values.jitter === "0ms" ? 0 : parseDuration("--jitter", values.jitter),
      duplicateRate: rate("--duplicates", values.duplicates),
      arrivalsPerMinute: int("--arrivals", values.arrivals, 0, 10_000),
      initialBacklog: int("--backlog", values.backlog, 0, 100_000),
      saturationInFlight: int("--saturation", values.saturation, 1, 10_000),
      rateLimitPerMinute: int("--rate-limit", values["rate-limit"], 1, 1_000_000),
    },
    scale: int("--scale", values.scale, 1, 1000),
    seed: values.seed === undefined ? undefined : int("--seed", values.seed, 0, 0xffffffff),
    accuracy: !values["skip-accuracy"],
    micro: !values["skip-micro"],
    help: values.help,
    target: values.target,
    ...readShardArgs(values),
  };
}

const list = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

function int(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`cronstorm: ${flag} takes whole numbers from ${min} to ${max}; got "${raw}"`);
  return value;
}

function rate(flag: string, raw: string): number {
  const value = Number(raw);
  if (!(value >= 0 && value <= 1)) throw new Error(`cronstorm: ${flag} takes a probability from 0 to 1; got "${raw}"`);
  return value;
}
