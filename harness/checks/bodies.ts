import type { Invocation } from "../invoker";

type Body = Record<string, unknown>;

const asBody = (body: unknown): Body | undefined =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Body) : undefined;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Proceeded: 200 and the route's own result, not the skipped answer. */
export function proceeded(invocation: Pick<Invocation, "status" | "body">): boolean {
  const body = asBody(invocation.body);
  return invocation.status === 200 && body?.success === true && body.skipped === undefined;
}

/** Answered as skipped (`skipped: true`), whatever else the body holds: it did not run. */
export function skipped(invocation: Pick<Invocation, "body">): boolean {
  return asBody(invocation.body)?.skipped === true;
}

/** Exactly `{success:true, skipped:true, reason:"locked", timestamp:<ISO-8601>}` with status 200. */
export function lockedShapeProblem(invocation: Invocation): string | undefined {
  if (invocation.status !== 200) return `status ${invocation.status ?? `none (${invocation.error})`}`;
  const body = asBody(invocation.body);
  if (!body) return `body is not a JSON object: ${JSON.stringify(invocation.body)}`;
  const keys = Object.keys(body).sort().join(",");
  if (keys !== "reason,skipped,success,timestamp") return `keys are {${keys}}, expected {reason,skipped,success,timestamp}`;
  if (body.success !== true || body.skipped !== true || body.reason !== "locked") return `values ${JSON.stringify(body)}`;
  const timestamp = String(body.timestamp);
  if (!ISO_8601.test(timestamp) || Number.isNaN(Date.parse(timestamp))) return `timestamp "${timestamp}" is not ISO-8601`;
  return undefined;
}

export function describeInvocation(invocation: Invocation): string {
  return `#${invocation.index} (${invocation.status ?? "no answer"}) ${JSON.stringify(invocation.body ?? invocation.error)}`;
}
