import { delay, http, HttpResponse } from "msw";
import { CHAT_COMPLETIONS, type OpenAIFaultFactory } from "../openai/mock-openai";
import { chatCompletionBody } from "../openai/completion";
import { type LatencyProfile, sampleLatency } from "../openai/latency";

/** OpenAI under load, in production units. */
export interface LoadModel {
  latency: LatencyProfile;
  /** In-flight requests at which latency has doubled; latency grows linearly with load. */
  saturationInFlight: number;
  /** Requests per production minute above which OpenAI answers 429. */
  rateLimitPerMinute: number;
}

export interface LoadStats {
  rateLimited: number;
  timedOut: number;
}

/**
 * The simulator's OpenAI: latency sampled from the profile and stretched by the requests in flight,
 * 429 past a per-minute rate limit, and a request the client gives up on (its timeout) counted as a
 * timeout. Answers every request, so it replaces the baseline handler.
 */
export function loadModel(model: LoadModel, stats: LoadStats): OpenAIFaultFactory {
  return (context) => {
    const accepted: number[] = [];
    return http.post(CHAT_COMPLETIONS, ({ request }) =>
      context.track(async () => {
        const now = Date.now();
        const windowStart = now - context.scale.toWall(60_000);
        while (accepted.length > 0 && (accepted[0] ?? 0) < windowStart) accepted.shift();
        if (accepted.length >= model.rateLimitPerMinute) {
          stats.rateLimited += 1;
          const retryAfterMs = 60_000 - context.scale.toProduction(now - (accepted[0] ?? now));
          return new HttpResponse(null, {
            status: 429,
            headers: { "retry-after-ms": String(Math.max(1, Math.round(context.scale.toWall(retryAfterMs)))) },
          });
        }
        accepted.push(now);
        const load = 1 + context.stats.inFlight / model.saturationInFlight;
        const wallMs = context.scale.toWall(sampleLatency(model.latency, context.random) * load);
        const aborted = new Promise<"aborted">((resolve) => request.signal.addEventListener("abort", () => resolve("aborted"), { once: true }));
        if ((await Promise.race([delay(wallMs).then(() => "answered" as const), aborted])) === "aborted") {
          stats.timedOut += 1;
          return HttpResponse.error();
        }
        return HttpResponse.json(chatCompletionBody("gpt-4o-mini", context.stats.requests));
      }),
    );
  };
}
