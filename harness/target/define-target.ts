import type { TargetConfig } from "./target";

export type { AppEnvSettings, TargetConfig } from "./target";
export type { LockKeyConfig } from "./lock-key";
export type { AttemptRow, JobRow, JobsAdapter, RunRow, TriggerSite } from "./jobs-adapter";

/**
 * Types a `cronstorm.config.ts`. It returns the config as given: the harness validates it when it loads
 * it (`--target`), so a plain object default export works the same.
 */
export function defineTarget(config: TargetConfig): TargetConfig {
  return config;
}
