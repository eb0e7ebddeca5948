import { delay, http, HttpResponse } from "msw";
import { CHAT_COMPLETIONS, type OpenAIFaultFactory } from "../../openai/mock-openai";
import { chatCompletionBody } from "../../openai/completion";
import { type LatencyProfile, sampleLatency } from "../../openai/latency";
import type { OverheadCompensation } from "./overhead-compensation";
import { CallsInFlight } from "./calls-in-flight";
import { sdkTimeoutBackoffMs } from "../../openai/sdk-backoff";

/** OpenAI under load, in production units. */
export interface LoadModel {
  latency: LatencyProfile;
  /** In-flight requests at which latency has doubled; latency grows linearly with load. */
  saturationInFlight: number;
  /** Requests per production minute above which OpenAI answers 429. */
  rateLimitPerMinute: number;
  /** The app's OPENAI_TIMEOUT_MS: how long a job really waits on a call the model makes slower. */
  timeoutMs: number;
  /** The app's OPENAI_MAX_RETRIES, to know whether the SDK sleeps before retrying. */
  maxRetries: number;
}

export interface LoadStats {
  rateLimited: number;
  timedOut: number;
}

/**
 * The simulator's OpenAI: latency sampled from the profile and stretched by the requests in flight,
 * 429 past a per-minute rate limit, and a request the client gives up on (its timeout) counted as a
 * timeout. Answers every request, so it replaces the baseline handler. Each delay is shortened by the
 * harness's measured overhead per request, so compression does not slow jobs down.
 */
export function loadModel(model: LoadModel, stats: LoadStats, compensation: OverheadCompensation): OpenAIFaultFactory {
  return (context) => {
    const accepted: number[] = [];
    const inFlight = new CallsInFlight();
    return http.post(CHAT_COMPLETIONS, ({ request }) =>
      context.track(request, async () => {
        const now = Date.now();
        const windowStart = now - context.scale.toWall(60_000);
        while (accepted.length > 0 && (accepted[0] ?? 0) < windowStart) accepted.shift();
        const willRetry = Number(request.headers.get("x-stainless-retry-count") ?? 0) < model.maxRetries;
        if (accepted.length >= model.rateLimitPerMinute) {
          stats.rateLimited += 1;
          const retryAfterMs = Math.max(1, Math.round(context.scale.toWall(60_000 - context.scale.toProduction(now - (accepted[0] ?? now)))));
          // The SDK sleeps the retry-after before it retries: modelled time, not overhead.
          compensation.answeredAfter(willRetry ? retryAfterMs : 0);
          return new HttpResponse(null, { status: 429, headers: { "retry-after-ms": String(retryAfterMs) } });
        }
        accepted.push(now);
        const drawn = sampleLatency(model.latency, context.random);
        const others = inFlight.othersAt(now);
        const modelledWallMs = context.scale.toWall(drawn * (1 + others / model.saturationInFlight));
        const wallMs = compensation.shorten(modelledWallMs);
        inFlight.add(now, wallMs + compensation.perRequestMs());
        const aborted = new Promise<"aborted">((resolve) => request.signal.addEventListener("abort", () => resolve("aborted"), { once: true }));
        if ((await Promise.race([delay(wallMs).then(() => "answered" as const), aborted])) === "aborted") {
          stats.timedOut += 1;
          // The job waited until its client gave up, then (if retries remain) the SDK's own backoff.
          const retryCount = Number(request.headers.get("x-stainless-retry-count") ?? 0);
          const waited = Math.min(wallMs, context.scale.toWall(model.timeoutMs));
          compensation.answeredAfter(waited + (willRetry ? sdkTimeoutBackoffMs(retryCount) : 0));
          return HttpResponse.error();
        }
        compensation.answeredAfter(wallMs);
        return HttpResponse.json(chatCompletionBody("gpt-4o-mini", context.stats.requests));
      }),
    );
  };
}
