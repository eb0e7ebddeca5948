import type { CleanupStack } from "../cleanup-stack";
import type { History } from "../history";
import type { AppInstance } from "./instances/app-instance";
import type { OpenAIMock } from "../openai/mock-openai";
import type { AppSettings } from "./app-env";
import type { TimeScale } from "../time-scale";
import type { RunSettings } from "./http-app";
import type { Target } from "./target";

/**
 * What a target gives one scenario: a database, a cron secret, and running instance(s). The scenario
 * runner is the same for every target; only this differs between a module run in the harness's process,
 * child processes, or an app reached over HTTP.
 */
export interface Stage {
  readonly target: Target;
  readonly mode: "shared" | "isolated" | "http";
  /**
   * How the app gets its env: set by the harness for each scenario, or fixed when the app started (an
   * HTTP target), with the run settings it started with when the harness knows them.
   */
  readonly env: { kind: "per-scenario" } | { kind: "fixed"; settings: RunSettings | undefined };
  /**
   * `per-scenario`: each scenario's app gets a database of its own, dropped afterwards, and closes its
   * pool when the scenario ends. `fixed`: the app keeps one database URL for the whole run (an HTTP
   * target; a module target in shared mode with no resetModuleState), its content re-created before each
   * scenario, and its pool stays open between scenarios.
   */
  readonly appDatabase: "per-scenario" | "fixed";
  /** A fresh database of the target's schema for one scenario; its teardown goes on `cleanup`. */
  database(label: string, cleanup: CleanupStack, keep: () => boolean): Promise<{ name: string; url: string }>;
  /** The scenario's cron secret: random where the harness sets the app's env, else the app's own. */
  cronSecret(): string;
  /** Starts (or reaches) the instance(s) serving `target`; their teardown goes on `cleanup`. */
  start(options: StartOptions): Promise<StartedApp>;
  /** Drops what the stage keeps for the whole run (a fixed database); undefined when it keeps nothing. */
  close?(): Promise<void>;
}

/** The app as a driver sees it: one entry point that deals invocations as a platform would, and its instances. */
export interface StartedApp {
  instance: AppInstance;
  /** Each instance on its own (one in shared and HTTP modes), for drivers that route or kill them one by one. */
  members: readonly AppInstance[];
}

export interface StartOptions {
  /** The route under test: the stage's target, or one of src/'s sibling routes. */
  target: Target;
  settings: AppSettings;
  scale: TimeScale;
  history: History;
  openai: OpenAIMock;
  cleanup: CleanupStack;
  /** Overlapping invocations the scenario fires (isolated mode starts up to three instances for them). */
  invocations: number;
  /** Isolated mode: start exactly this many instances instead of the burst layout's. */
  instances?: number;
}
