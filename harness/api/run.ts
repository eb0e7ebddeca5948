import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VerdictsFile } from "../report/verdicts-file.js";
import { binPath } from "./package-root.js";

export interface RunOptions {
  /** The scenario suite (default) or the fault catalog. */
  command?: "run" | "catalog";
  /** A cronstorm.config.ts, the folder holding one, or a running app's cron route URL; default: ./cronstorm.config.ts if present. */
  target?: string;
  /** Scenario (or catalog entry) names; default: all. */
  only?: string[];
  seed?: number;
  scale?: number;
  mode?: "shared" | "isolated";
  /** The directory the run starts in (its reports/ go there); default: process.cwd(). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Aborting sends the run SIGTERM: it cleans up its PostgreSQL and temp files and exits 143. */
  signal?: AbortSignal;
  /** Sees the CLI's output as it comes (its verdict lines, then its table). */
  onOutput?: (chunk: string) => void;
}

export interface RunOutcome {
  /** 0 pass, 1 a check failed or could not be judged, 2 bad input, 3 cronstorm itself broke (see EXIT); 143 after an abort. */
  exitCode: number;
  /** The verdicts with each failure's CLI text; undefined when the run stopped before judging (exit 2 or 3). */
  verdicts: VerdictsFile | undefined;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cronstorm run` (or `catalog`) in a child process and resolves with its verdicts. A child, not this
 * process: the run installs an HTTP interceptor (msw), sets the app's env and starts PostgreSQL, none of
 * which may leak into the caller (a vitest worker, a script).
 */
export async function run(options: RunOptions = {}): Promise<RunOutcome> {
  const dir = await mkdtemp(join(tmpdir(), "cronstorm-run-"));
  const json = join(dir, "verdicts.json");
  try {
    const { code, stdout, stderr } = await spawnCli([options.command ?? "run", ...flags(options), "--json", json], options);
    const verdicts = await readFile(json, "utf8").then((text) => JSON.parse(text) as VerdictsFile, () => undefined);
    return { exitCode: code, verdicts, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function flags(options: RunOptions): string[] {
  return [
    ...(options.target !== undefined ? ["--target", options.target] : []),
    ...(options.only?.length ? ["--only", options.only.join(",")] : []),
    ...(options.seed !== undefined ? ["--seed", String(options.seed)] : []),
    ...(options.scale !== undefined ? ["--scale", String(options.scale)] : []),
    ...(options.mode !== undefined ? ["--mode", options.mode] : []),
  ];
}

function spawnCli(args: string[], options: RunOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath(), ...args], { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], ...(options.signal ? { signal: options.signal, killSignal: "SIGTERM" as const } : {}) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void ((stdout += chunk.toString()), options.onOutput?.(chunk.toString())));
    child.stderr.on("data", (chunk: Buffer) => void ((stderr += chunk.toString()), options.onOutput?.(chunk.toString())));
    // An abort is reported through the exit code (the run's own SIGTERM cleanup decides it), not as an error.
    child.on("error", (error) => (error.name === "AbortError" ? undefined : reject(error)));
    // A signal death (the run was killed) is no verdict: report it as cronstorm breaking.
    child.on("close", (code) => resolve({ code: code ?? 3, stdout, stderr }));
  });
}
