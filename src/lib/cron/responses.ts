export function unauthorized(): Response {
  return Response.json({ success: false, error: "unauthorized" }, { status: 401 });
}

/** The contract overlapping invocations answer with (phase 94c): 200, so Vercel does not report a failure. */
export function skippedLocked(): Response {
  return Response.json({ success: true, skipped: true, reason: "locked", timestamp: new Date().toISOString() });
}

export function completed(body: object): Response {
  return Response.json({ success: true, ...body, timestamp: new Date().toISOString() });
}

/** A short message only: stacks, SQL and secrets stay in the server log. */
export function failed(): Response {
  return Response.json({ success: false, error: "cron run failed; see server logs" }, { status: 500 });
}
