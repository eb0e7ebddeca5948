import type { LatencyProfile } from "../../openai/latency";
import type { OpenAIFaultFactory } from "../../openai/mock-openai";
import type { Nemesis } from "../../faults/catalog-world";
import type { CheckName } from "../../checks/registry";

/** A chaos scenario: cron ticks over time, a fault during them, recovery ticks, then the checks. */
export interface ChaosSpec {
  name: string;
  /** The fault, in one line, and the real-world event it models. */
  fault: Nemesis;
  /** `src` for the app as delivered; a variant names a known-bad or alternative route module. */
  target?: { label: string; module: string; env?: Record<string, string> };
  mode: "shared" | "isolated";
  /** Isolated instances (serverless instances); ticks go to them round-robin. */
  instances?: number;
  jobs: number;
  concurrency?: number;
  poolMax?: number;
  openai: { latency: LatencyProfile; timeoutMs: number; maxRetries: number; faults?: OpenAIFaultFactory[] };
  /** Cron ticks (one per production minute) fired while the fault acts. */
  faultTicks: number;
  /** After healing, tick until every job is terminal, at most this many times. */
  maxRecoveryTicks: number;
  /** Deliveries per tick (Vercel can deliver one event more than once). */
  deliveries?: number;
  /** Extra deliveries of a tick arrive up to this many production ms after the first (default 2000). */
  deliveryJitterMs?: number;
  /** Run on a server of its own with this max_connections (for connection exhaustion). */
  serverMaxConnections?: number;
  /** Put the app behind a real PgBouncer in transaction mode. */
  viaPgBouncer?: boolean;
  /** PgBouncer server connections (default 2). */
  pgBouncerPoolSize?: number;
  checks: CheckName[];
  /** `survives` for faults a correct implementation withstands; `breaks` where no session lock can. */
  expect: "survives" | "breaks";
}
