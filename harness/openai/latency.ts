import type { SeededRandom } from "../random";

/** How long OpenAI takes to answer, in production milliseconds. */
export type LatencyProfile =
  | { kind: "fixed"; ms: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  /** Log-normal fitted to a median and a 99th percentile: most calls are quick, a few are very slow. */
  | { kind: "long-tail"; p50Ms: number; p99Ms: number };

export const latency = {
  fixed: (ms: number): LatencyProfile => ({ kind: "fixed", ms }),
  uniform: (minMs: number, maxMs: number): LatencyProfile => ({ kind: "uniform", minMs, maxMs }),
  longTail: (p50Ms: number, p99Ms: number): LatencyProfile => ({ kind: "long-tail", p50Ms, p99Ms }),
};

const Z_99 = 2.3263478740408408;

export function sampleLatency(profile: LatencyProfile, random: SeededRandom): number {
  switch (profile.kind) {
    case "fixed":
      return profile.ms;
    case "uniform":
      return profile.minMs + (profile.maxMs - profile.minMs) * random.next();
    case "long-tail": {
      const mu = Math.log(profile.p50Ms);
      const sigma = (Math.log(profile.p99Ms) - mu) / Z_99;
      return Math.exp(mu + sigma * random.normal());
    }
  }
}

/** Rejects profiles that cannot be sampled, naming the field. */
export function validateLatency(profile: LatencyProfile, field = "latency"): void {
  const positive = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) throw new Error(`cronstorm: ${field}.${name} must be a duration >= 0 ms, got ${value}`);
  };
  if (profile.kind === "fixed") positive("ms", profile.ms);
  if (profile.kind === "uniform") {
    positive("minMs", profile.minMs);
    positive("maxMs", profile.maxMs);
    if (profile.maxMs < profile.minMs) throw new Error(`cronstorm: ${field}.maxMs must be >= minMs`);
  }
  if (profile.kind === "long-tail") {
    positive("p50Ms", profile.p50Ms);
    if (!(profile.p50Ms > 0 && profile.p99Ms > profile.p50Ms)) {
      throw new Error(`cronstorm: ${field} needs 0 < p50Ms < p99Ms, got p50Ms=${profile.p50Ms}, p99Ms=${profile.p99Ms}`);
    }
  }
}
