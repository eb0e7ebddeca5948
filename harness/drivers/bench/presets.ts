import { latency, type LatencyProfile } from "../../openai/latency";

/** Named OpenAI latency profiles for --latency (production units). */
export const LATENCY_PRESETS: Record<string, LatencyProfile> = {
  normal: latency.longTail(3_000, 15_000),
  degraded: latency.longTail(8_000, 40_000),
  steady: latency.fixed(4_000),
};

export function latencyPreset(name: string): LatencyProfile {
  const profile = LATENCY_PRESETS[name];
  if (!profile) throw new Error(`cronstorm: --latency takes ${Object.keys(LATENCY_PRESETS).join(", ")}; got "${name}"`);
  return profile;
}
