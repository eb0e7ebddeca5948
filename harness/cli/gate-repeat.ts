import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { textTable } from "../report/verdict-table";
import { describeTotals, judgeRun, type VitestTotals } from "./judge-run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** How long a stopped run may take to clean up before it is killed. */
const STOP_BOUND_MS = 20_000;
/** How long the run's other processes get to go after a SIGTERM before they are killed. */
const GROUP_STOP_BOUND_MS = 5_000;
const USAGE = "Usage: npm run gate:repeat -- [N] [--busy] [--files a,b]";

/**
 * Runs the gate (the whole vitest suite, or --files) N times, each with a fresh seed that it prints
 * first, so any red run can be replayed with CRONSTORM_SEED. A run is red when its exit code or its
 * reporter's totals say a test failed, and the table says when the two disagree. With --busy it keeps
 * the other core spinning meanwhile.
 */
async function main(): Promise<number> {
  let runs: number;
  let busy: boolean;
  let files: string[];
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { busy: { type: "boolean", default: false }, files: { type: "string" }, help: { type: "boolean", default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return void console.info(`${USAGE}\nRuns the test suite N times (default 20) with fresh seeds; exits 1 if any run is red.`), 0;
    runs = Number(positionals[0] ?? "20");
    busy = values.busy;
    files = values.files?.split(",").map((f) => f.trim()).filter(Boolean) ?? [];
    if (positionals.length > 1) throw new Error(`takes one run count, got ${positionals.join(" ")}`);
    if (!Number.isInteger(runs) || runs < 1 || runs > 500) throw new Error(`the run count must be a whole number from 1 to 500, got "${positionals[0]}"`);
  } catch (error) {
    console.error(`cronstorm: ${(error as Error).message}. ${USAGE}`);
    return 2;
  }
  const burner = busy ? spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }) : undefined;
  const workDir = await mkdtemp(join(tmpdir(), "cronstorm-gate-"));
  // Ctrl-C or a kill: stop the spinning core and the run in progress (a kill of this process alone
  // would leave that vitest, its PostgreSQL and its report going), then remove the work directory.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    stopping = true;
    burner?.kill("SIGKILL");
    void stopRun(signal)
      .then(() => rm(workDir, { recursive: true, force: true }))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  const rows: string[][] = [];
  let red = 0;
  let disagreements = 0;
  try {
    for (let run = 1; run <= runs; run += 1) {
      const seed = randomInt(0, 2 ** 32 - 1);
      console.info(`gate run ${run}/${runs}: CRONSTORM_SEED=${seed}${busy ? " (other core busy)" : ""}`);
      const started = Date.now();
      const totalsFile = join(workDir, `run-${run}.json`);
      const code = await vitestRun(seed, files, totalsFile);
      // A run stopped by a signal is no verdict, and no next run may start: the handler exits.
      if (stopping) await new Promise<never>(() => undefined);
      const totals = await readTotals(totalsFile);
      const judgement = judgeRun(code, totals);
      const seconds = Math.round((Date.now() - started) / 1000);
      if (!judgement.green) red += 1;
      if (judgement.disagreement) disagreements += 1;
      const result = judgement.green ? "green" : "RED";
      rows.push([String(run), String(seed), result, `exit ${code ?? "killed"}`, describeTotals(totals), judgement.disagreement ?? "", `${seconds} s`]);
      console.info(`  ${result}: exit ${code ?? "killed"}, ${describeTotals(totals)} (${seconds} s)`);
      if (judgement.disagreement) console.info(`  DISAGREEMENT: ${judgement.disagreement}`);
      if (!judgement.green) console.info(`  replay with CRONSTORM_SEED=${seed} npm test`);
    }
  } finally {
    burner?.kill("SIGKILL");
    await rm(workDir, { recursive: true, force: true });
  }
  console.info(`\n${textTable(["run", "seed", "result", "exit", "reporter totals", "disagreement", "time"], rows, 160)}\n`);
  console.info(`${runs - red} of ${runs} green (by exit code and reporter totals)${disagreements ? `; ${disagreements} run(s) where the two disagreed` : ""}`);
  return red === 0 ? 0 : 1;
}

/** The vitest run in progress, to stop with this process. */
let current: ChildProcess | undefined;
let stopping = false;

function vitestRun(seed: number, files: string[], totalsFile: string): Promise<number | null> {
  return new Promise((resolve) => {
    const args = [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", ...files, "--reporter=dot", "--reporter=json", `--outputFile.json=${totalsFile}`];
    // A process group of its own, so a stop reaches the run's test workers too (stopRun).
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CRONSTORM_SEED: String(seed) }, stdio: ["ignore", "inherit", "inherit"], detached: true });
    current = child;
    child.on("exit", (code) => {
      current = undefined;
      resolve(code);
    });
  });
}

/**
 * Passes the signal to the run in progress and waits for it to clean up (its teardown stops its
 * PostgreSQL), within a bound. vitest exits at once on a signal and its test workers are orphaned: one
 * in a test that never settles would live on until that test's timeout (seen: over 10 s). So the run's
 * process group gets the signal too, and whatever of it is still there after a bound, SIGKILL. What the
 * run started detached (its PostgreSQL supervisor, a Next.js server) has its own group and its own reaper.
 */
async function stopRun(signal: NodeJS.Signals): Promise<void> {
  const child = current;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const group = child.pid;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_BOUND_MS);
  await exited;
  clearTimeout(timer);
  signalGroup(group, "SIGTERM");
  const deadline = Date.now() + GROUP_STOP_BOUND_MS;
  // Only a group that still has members gets the SIGKILL: an empty group's id may be another's by then.
  while (signalGroup(group, 0)) {
    if (Date.now() >= deadline) return void signalGroup(group, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signals every process of a group; false once none is left (ESRCH). */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

async function readTotals(file: string): Promise<VitestTotals | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as VitestTotals;
  } catch {
    return undefined;
  }
}

void main().then((code) => process.exit(code));
