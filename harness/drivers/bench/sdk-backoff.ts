/**
 * The openai SDK's mean sleep before retrying a request that timed out (no retry-after to obey):
 * min(0.5 s × 2^retries, 8 s) less up to 25% jitter, so 87.5% on average. It is wall-clock time the
 * harness cannot compress; the report flags cells with timeouts for that reason.
 */
export function sdkTimeoutBackoffMs(retryCount: number): number {
  return Math.min(500 * 2 ** retryCount, 8_000) * 0.875;
}
