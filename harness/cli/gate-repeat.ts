import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { textTable } from "../report/verdict-table";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Runs the gate (the whole vitest suite) N times, each with a fresh seed that it prints first, so any
 * red run can be replayed with CRONSTORM_SEED. With --busy it keeps the other core spinning meanwhile.
 */
async function main(): Promise<number> {
  let runs: number;
  let busy: boolean;
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: { busy: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
    runs = Number(positionals[0] ?? "20");
    busy = values.busy;
    if (!Number.isInteger(runs) || runs < 1 || runs > 500) throw new Error(`the run count must be a whole number from 1 to 500, got "${positionals[0]}"`);
  } catch (error) {
    console.error(`cronstorm: ${(error as Error).message}. Usage: npm run gate:repeat -- [N] [--busy]`);
    return 2;
  }
  const burner = busy ? spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }) : undefined;
  const rows: string[][] = [];
  let red = 0;
  try {
    for (let run = 1; run <= runs; run += 1) {
      const seed = randomInt(0, 2 ** 32 - 1);
      console.info(`gate run ${run}/${runs}: CRONSTORM_SEED=${seed}${busy ? " (other core busy)" : ""}`);
      const started = Date.now();
      const code = await vitestRun(seed);
      const seconds = Math.round((Date.now() - started) / 1000);
      if (code !== 0) red += 1;
      rows.push([String(run), String(seed), code === 0 ? "green" : "RED", `${seconds} s`]);
      console.info(`  ${code === 0 ? "green" : `RED: replay with CRONSTORM_SEED=${seed} npm test`} (${seconds} s)`);
    }
  } finally {
    burner?.kill("SIGKILL");
  }
  console.info(`\n${textTable(["run", "seed", "result", "time"], rows)}\n\n${runs - red} of ${runs} green`);
  return red === 0 ? 0 : 1;
}

function vitestRun(seed: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=dot"], {
      cwd: ROOT,
      env: { ...process.env, CRONSTORM_SEED: String(seed) },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

void main().then((code) => process.exit(code));
