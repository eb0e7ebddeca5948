import { describe, expect, it } from "vitest";
import { completed, failed, skippedLocked, unauthorized } from "./responses";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Asymmetric matchers are typed `any`; held as unknown they type-check inside expected objects.
const anIsoTimestamp: unknown = expect.stringMatching(ISO_8601);

describe("cron responses", () => {
  it("401 says unauthorized and nothing else", async () => {
    const response = unauthorized();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ success: false, error: "unauthorized" });
  });

  it("an overlapping invocation answers the phase 94c locked shape with 200", async () => {
    const response = skippedLocked();
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ success: true, skipped: true, reason: "locked", timestamp: anIsoTimestamp });
  });

  it("a completed run answers 200 with the work's summary, success and a timestamp", async () => {
    const response = completed({ runId: "r1", claimed: 3 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, runId: "r1", claimed: 3, timestamp: anIsoTimestamp });
  });

  it("a failed run answers 500 with a short message only", async () => {
    const response = failed();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ success: false, error: "cron run failed; see server logs" });
  });
});
