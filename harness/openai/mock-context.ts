import type { History } from "../history";
import type { SeededRandom } from "../random";
import type { TimeScale } from "../time-scale";
import type { LatencyProfile } from "./latency";

/** What every OpenAI handler shares: the clock scale, the random stream, the counters and the history. */
export interface OpenAIMockContext {
  readonly scale: TimeScale;
  readonly random: SeededRandom;
  readonly history: History;
  readonly stats: OpenAIStats;
  latency: LatencyProfile;
  /** When set, answers wait here before their latency starts (bursts hold the lock holder with it). */
  gate: { pass(): Promise<void> } | undefined;
  /** Runs `respond` as one in-flight request, for the peak count, and counts the SDK's retries of it. */
  track<T>(request: Request, respond: () => Promise<T>): Promise<T>;
}

export interface OpenAIStats {
  requests: number;
  inFlight: number;
  peakInFlight: number;
  /**
   * The most times the SDK retried one call (its X-Stainless-Retry-Count): a retry the SDK made after an
   * answer that named no delay slept in wall time first, which the budget check must allow for.
   */
  mostRetries: number;
  /** Whether any request carried that header: an app on another client (its own fetch, another SDK) sends none. */
  retriesCounted: boolean;
  /** Requests answered by each fault handler, by name: proof a fault fired. */
  faultHits: Record<string, number>;
}

export function newStats(): OpenAIStats {
  return { requests: 0, inFlight: 0, peakInFlight: 0, mostRetries: 0, retriesCounted: false, faultHits: {} };
}
