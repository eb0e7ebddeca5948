import type { VerdictStatus } from "../checks/verdict";

/**
 * A run in which no verdict was pass, fail or unknown proved nothing about the target: it must not exit 0
 * as if it passed (a CI job would go green on a target nothing could be run against).
 */
export function nothingJudged(statuses: readonly VerdictStatus[]): boolean {
  return !statuses.some((s) => s !== "unavailable");
}
