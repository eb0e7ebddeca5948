/**
 * The `cronstorm` package's library entry. It is compiled to plain JavaScript (dist/), so it must not load
 * the harness at run time: everything here is types, the identity `defineTarget`, and `run`, which drives
 * the CLI in a child process.
 */
export { defineTarget } from "../target/define-target.js";
export type { AppEnvSettings, AttemptRow, JobRow, JobsAdapter, LockKeyConfig, RunRow, TargetConfig, TriggerSite } from "../target/define-target.js";
export type { KnownBreak } from "../target/known-outcomes.js";
export type { VerdictEntry, VerdictsFile } from "../report/verdicts-file.js";
export { run, type RunOptions, type RunOutcome } from "./run.js";
export { EXIT } from "../cli/exit-codes.js";
import { defineTarget } from "../target/define-target.js";

/** Playwright's name for the same thing: a `cronstorm.config.ts` may use either. */
export const defineConfig = defineTarget;
