import type { Fault } from "../../faults/fault";
import type { OpenAIFaultFactory } from "../../openai/mock-openai";
import { type LatencyProfile, validateLatency } from "../../openai/latency";
import { RUN_DEFAULTS } from "../../trial/run-defaults";
import type { RouteName } from "../../target/routes";
import { CHECK_NAMES, type CheckName } from "../../checks/registry";

/** How the burst authenticates: the real secret, or one of the ways a request gets it wrong. */
export type AuthCase = "valid" | "missing" | "wrong" | "malformed" | "unset-secret-bearer-undefined" | "near-miss";
export const AUTH_CASES: readonly AuthCase[] = ["valid", "missing", "wrong", "malformed", "unset-secret-bearer-undefined", "near-miss"];

/** A declarative scenario. Durations are production milliseconds; the harness compresses them. */
export interface ScenarioSpec {
  /** Stable id: used in test names, reports and `--only`. */
  name: string;
  /** What passing proves, in one sentence. */
  proves: string;
  route?: RouteName;
  /** Overlapping invocations released together. */
  invocations: number;
  jobs: number;
  /** Seeded jobs whose payload makes the job handler throw. */
  poisonJobs?: number;
  concurrency?: number;
  budgetMs?: number;
  safetyBufferMs?: number;
  openai: {
    latency: LatencyProfile;
    timeoutMs?: number;
    maxRetries?: number;
    faults?: OpenAIFaultFactory[];
  };
  /** Keep the lock holder's OpenAI calls waiting until every other invocation has answered. */
  holdLockHolder?: boolean;
  /** An outside session holds the route's lock during the burst. */
  lockHeldElsewhere?: boolean;
  auth?: AuthCase;
  fault?: Fault;
  /** The status the burst must answer (500 where the fault makes the run itself fail). */
  expectedStatus?: number;
  /** After the burst and the fault's heal, fire one more invocation. */
  followUp?: boolean;
  checks: CheckName[];
}

/** A scenario's defaults: the background-jobs route, and every trial's run settings. */
export const SCENARIO_DEFAULTS = { route: "background-jobs" as RouteName, ...RUN_DEFAULTS };

/** Rejects a spec before anything starts, naming the field and what it accepts. */
export function validateSpec(spec: ScenarioSpec): void {
  const where = `cronstorm: scenario "${spec.name}"`;
  const positiveInt = (field: string, value: number | undefined, min = 1) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new Error(`${where}: ${field} must be a whole number >= ${min}, got ${value}`);
    }
  };
  if (!/^[a-z0-9-]+$/.test(spec.name)) throw new Error(`cronstorm: scenario name "${spec.name}" must be lowercase letters, digits and dashes`);
  positiveInt("invocations", spec.invocations);
  positiveInt("jobs", spec.jobs, 0);
  positiveInt("poisonJobs", spec.poisonJobs, 0);
  positiveInt("concurrency", spec.concurrency);
  positiveInt("budgetMs", spec.budgetMs);
  positiveInt("safetyBufferMs", spec.safetyBufferMs, 0);
  positiveInt("openai.timeoutMs", spec.openai.timeoutMs);
  positiveInt("openai.maxRetries", spec.openai.maxRetries, 0);
  validateLatency(spec.openai.latency, `${where}: openai.latency`);
  if (spec.auth && !AUTH_CASES.includes(spec.auth)) throw new Error(`${where}: auth must be one of ${AUTH_CASES.join(", ")}`);
  for (const check of spec.checks) {
    if (!CHECK_NAMES.includes(check)) throw new Error(`${where}: unknown check "${check}"; known: ${CHECK_NAMES.join(", ")}`);
  }
  if ((spec.budgetMs ?? SCENARIO_DEFAULTS.budgetMs) <= (spec.safetyBufferMs ?? SCENARIO_DEFAULTS.safetyBufferMs)) {
    throw new Error(`${where}: budgetMs must be larger than safetyBufferMs`);
  }
}
