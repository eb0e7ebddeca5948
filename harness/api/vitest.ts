import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { VerdictEntry } from "../report/verdicts-file.js";
import { binPath } from "./package-root.js";
import { run, type RunOptions, type RunOutcome } from "./run.js";

export interface CronRouteSuiteOptions extends Omit<RunOptions, "command" | "only" | "signal"> {
  /** Scenario names (see `npx cronstorm list`); default: every scenario. */
  scenarios?: string[];
  /** The whole run's bound; the suite's hook and tests use it, whatever the project's testTimeout says. Default 15 min. */
  timeoutMs?: number;
}

/**
 * One vitest test per cronstorm scenario for a target: `cronRouteSuite({ target: "cronstorm.config.ts" })`.
 * The scenarios run once, in a child process (the CLI), before the suite's tests; each test then passes,
 * fails with the CLI's failure text, or is skipped with the reason the target cannot host it.
 */
export function cronRouteSuite(options: CronRouteSuiteOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const names = options.scenarios ?? listScenarios(options);
  describe(`cronstorm: ${options.target ?? "cronstorm.config.ts"}`, () => {
    const abort = new AbortController();
    let outcome: RunOutcome | undefined;
    beforeAll(async () => {
      outcome = await run({ ...options, command: "run", only: names, signal: abort.signal });
      // Exit 2 or 3: no verdicts were reached; every test fails with the CLI's own words.
      if (!outcome.verdicts) throw new Error(`cronstorm run exited ${outcome.exitCode} before judging:\n${outcome.stderr || outcome.stdout}`);
      // Every scenario unavailable ("nothing was judged") exits 1 with no entry failing: the suite fails too.
      if (outcome.exitCode !== 0 && outcome.verdicts.entries.every((e) => e.ok)) throw new Error(`cronstorm run exited ${outcome.exitCode}:\n${outcome.stderr}`);
    }, timeoutMs);
    afterAll(() => abort.abort());
    for (const name of names) {
      it(name, (context) => {
        const entry: VerdictEntry | undefined = outcome?.verdicts?.entries.find((e) => e.name === name);
        if (!entry) throw new Error(`cronstorm: scenario "${name}" is missing from the run's verdicts`);
        if (!entry.ok) throw new Error(entry.failure ?? `${name}: ${entry.status}`);
        if (entry.status === "unavailable") context.skip(`unavailable for this target: ${entry.unavailable ?? ""}`);
      }, timeoutMs);
    }
  });
}

/** The scenario names, synchronously: vitest collects tests before anything runs. */
function listScenarios(options: CronRouteSuiteOptions): string[] {
  const args = [binPath(), "list", ...(options.target !== undefined ? ["--target", options.target] : [])];
  // Bounded: a config that hangs on import must fail collection, not hang it.
  const listed = spawnSync(process.execPath, args, { cwd: options.cwd ?? process.cwd(), env: { ...process.env, ...options.env }, encoding: "utf8", timeout: 120_000 });
  if (listed.status !== 0) throw new Error(`cronstorm list exited ${listed.status}:\n${listed.stderr}`);
  return listed.stdout.split("\n").map((line) => line.split(/\s+/)[0] ?? "").filter(Boolean);
}
