import { latency } from "../harness/openai/latency";
import type { ScenarioSpec } from "../harness/drivers/scenario/spec";

/** N overlapping deliveries of one tick: the lock must let exactly one run through. */
export function burst(invocations: number): ScenarioSpec {
  return {
    name: `burst-${invocations}`,
    proves: `${invocations} overlapping invocations: exactly one runs the jobs, ${invocations - 1} answer "locked", and the lock is free afterwards`,
    invocations,
    jobs: 12,
    openai: { latency: latency.uniform(1_500, 3_000) },
    holdLockHolder: true,
    checks: ["declared-key", "exactly-one-proceeds", "others-locked", "lock-free", "no-double-processing", "work-inside-lock", "within-budget", "error-body-safe"],
  };
}

export const BURSTS = [burst(2), burst(10), burst(50)];
