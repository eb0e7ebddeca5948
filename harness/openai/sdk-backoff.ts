/**
 * The openai SDK's sleep before retrying a request that got no delay to obey (a client timeout, a
 * dropped connection, an error without retry-after): min(0.5 s × 2^retries, 8 s) less up to 25% jitter.
 * It is wall-clock time the harness cannot compress (node_modules/openai/client.js,
 * calculateDefaultRetryTimeoutMillis).
 */
const sleepBeforeJitterMs = (retryCount: number) => Math.min(500 * 2 ** retryCount, 8_000);

/** The mean sleep (87.5% of it, the jitter's mean): what the bench models for a timed-out call. */
export function sdkTimeoutBackoffMs(retryCount: number): number {
  return sleepBeforeJitterMs(retryCount) * 0.875;
}

/** The longest the SDK can sleep over all of a call's retries: what a worst-case bound must allow. */
export function sdkRetrySleepsMaxMs(maxRetries: number): number {
  let total = 0;
  for (let retry = 0; retry < maxRetries; retry += 1) total += sleepBeforeJitterMs(retry);
  return total;
}
