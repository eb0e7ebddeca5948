import { describe, expect, it } from "vitest";
import { History } from "../history";
import type { Invocation } from "../invoker";
import { routeNeverRan } from "./route-ran";

const failed = (index: number, extra: Partial<Invocation> = {}): Invocation => ({
  index,
  startedAt: 0,
  endedAt: 1,
  status: 500,
  body: { success: false, error: "cron run failed; see server logs" },
  ...extra,
});
const judge = (burst: Invocation[], history = new History(), overrides: { attempts?: number; mode?: string } = {}) =>
  routeNeverRan({ burst, history, attempts: overrides.attempts ?? 0, databaseName: "cronstorm_now", mode: overrides.mode ?? "shared" });

describe("the route runs", () => {
  it("says nothing when any invocation ran or answered locked, or the lock or a job attempt was seen", () => {
    expect(judge([failed(0), failed(1, { status: 200, body: { success: true, processed: 1 } })])).toBeUndefined();
    expect(judge([failed(0), failed(1, { status: 200, body: { success: true, skipped: true, reason: "locked" } })])).toBeUndefined();
    expect(judge([failed(0)], new History(), { attempts: 1 })).toBeUndefined();
    const held = new History();
    held.append({ type: "pg-lock-holders", at: 0, pids: [7] });
    expect(judge([failed(0)], held)).toBeUndefined();
  });

  it("fails a burst that never got to the lock, listing identical answers once", () => {
    const verdict = judge([failed(0), failed(1), failed(2), failed(3, { status: undefined, body: undefined, error: "fetch failed" })]);
    expect(verdict?.status).toBe("fail");
    expect(verdict?.detail).toMatch(/^none of the 4 invocations got as far as the lock: #0–#2 answered 500 \{"success":false.*\}; #3 threw fetch failed\./);
    expect(verdict?.detail).toMatch(/The failures below follow from this\.$/);
  });

  it("names stale module state when the app never opened a session on the scenario's database", () => {
    expect(judge([failed(0)])?.detail).toContain(`never opened a session on this scenario's database "cronstorm_now": stale module state`);
    const dropped = failed(0, { status: undefined, body: undefined, error: 'database "cronstorm_before" does not exist' });
    expect(judge([dropped])?.detail).toContain(`still talks to database "cronstorm_before", dropped after an earlier scenario`);
    expect(judge([failed(0)], new History(), { mode: "isolated" })?.detail).toContain("does its database URL env reach the database the harness gave it?");
  });

  it("leaves the cause out when the app had sessions on the database", () => {
    const connected = new History();
    connected.append({ type: "pg-sessions", at: 0, count: 2, besideLockSession: 2, besideKeyHolders: 2 });
    expect(judge([failed(0)], connected)?.detail).not.toContain("stale module state");
  });
});
