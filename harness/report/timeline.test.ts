import { describe, expect, it } from "vitest";
import { History } from "../history";
import { buildTimeline } from "./timeline";

const ran = { success: true, runId: "r", claimed: 1 };
const locked = { success: true, skipped: true, reason: "locked", timestamp: "2026-11-29T00:00:00.000Z" };

/** Two runs at once (both took a lock that was never released), one locked answer, one job run by both. */
function overlappingRuns(): History {
  const history = new History();
  const lock = { route: "/api/cron/background-jobs", key: "63063063063", acquired: true };
  for (const event of [
    { type: "fault", at: 1000, phase: "start", fault: "slow-openai" },
    { type: "invoke", invocation: 0, at: 1000, instance: "i0" },
    { type: "invoke", invocation: 1, at: 1010, instance: "i1" },
    { type: "invoke", invocation: 2, at: 1020, instance: "i1" },
    { type: "lock", at: 1005, phase: "acquire", backendPid: 11, ...lock },
    { type: "lock", at: 1015, phase: "acquire", backendPid: 12, ...lock },
    { type: "pg-lock-holders", at: 1006, pids: [11] },
    { type: "pg-lock-holders", at: 1016, pids: [11, 12] },
    { type: "job", at: 1020, phase: "claim", runId: "run-a", jobId: "7" },
    { type: "job", at: 1030, phase: "claim", runId: "run-b", jobId: "7" },
    { type: "ok", invocation: 2, at: 1040, status: 200, body: locked },
    { type: "job", at: 1100, phase: "finish", runId: "run-a", jobId: "7", outcome: "succeeded" },
    { type: "job", at: 1110, phase: "finish", runId: "run-b", jobId: "7", outcome: "succeeded" },
    { type: "lock", at: 1120, phase: "release", backendPid: 11, route: lock.route, key: lock.key, unlocked: true },
    { type: "pg-lock-holders", at: 1121, pids: [12] },
    { type: "ok", invocation: 0, at: 1150, status: 200, body: ran },
    { type: "ok", invocation: 1, at: 1160, status: 200, body: ran },
    { type: "instance", at: 1180, phase: "exit", instance: "i0", signal: "SIGKILL", code: null },
    { type: "fault", at: 1200, phase: "heal", fault: "slow-openai" },
  ] as const)
    history.append(event);
  return history;
}

describe("the timeline of a run", () => {
  it("draws a lane per invocation, lock session and run, in wall ms from the first event, with the fault's window", () => {
    const timeline = buildTimeline(overlappingRuns(), 60, false);
    expect(timeline).toMatchObject({ timeScale: 60, durationMs: 200, faults: [{ name: "slow-openai", start: 0, end: 200 }] });
    const invocations = timeline.lanes.filter((l) => l.group === "invocations");
    expect(invocations.map((l) => [l.label, l.spans[0]?.tone, l.spans[0]?.start, l.spans[0]?.end])).toEqual([
      ["#0 on i0", "ran", 0, 150],
      ["#1 on i1", "ran", 10, 160],
      ["#2 on i1", "locked", 20, 40],
    ]);
    // A lane per instance process: i0 was killed, i1 stayed up to the end.
    expect(timeline.lanes.filter((l) => l.group === "instances").map((l) => [l.label, l.spans[0]?.end, l.spans[0]?.label])).toEqual([
      ["instance i0", 180, "ended: SIGKILL"],
      ["instance i1", 200, "up"],
    ]);
    expect(timeline.lanes.filter((l) => l.group === "lock").map((l) => l.spans[0]?.end)).toEqual([120, null]);
    // pg_locks' view: session 11 from the sample it appeared in to the one it left; 12 never left.
    expect(timeline.lanes.filter((l) => l.group === "pg-locks").map((l) => [l.label, l.spans.map((s) => [s.start, s.end])])).toEqual([
      ["pg_locks: session 11", [[6, 121]]],
      ["pg_locks: session 12", [[16, null]]],
    ]);
    expect(timeline.lanes.filter((l) => l.group === "work").map((l) => l.spans.map((s) => [s.start, s.end]))).toEqual([[[20, 100]], [[30, 110]]]);
    // A passing run marks nothing.
    expect(timeline.lanes.flatMap((l) => l.spans).some((s) => s.evidence)).toBe(false);
  });

  it("marks the evidence of a failure: the runs that overlapped, the hold never released, the job run twice", () => {
    const timeline = buildTimeline(overlappingRuns(), 60, true);
    const marked = timeline.lanes.flatMap((l) => l.spans.filter((s) => s.evidence).map(() => `${l.group} ${l.label}`));
    expect(marked).toEqual([
      "invocations #0 on i0",
      "invocations #1 on i1",
      "lock lock, session 12 on shared",
      "pg-locks pg_locks: session 12",
      "work run run-a",
      "work run run-b",
    ]);
  });
});
