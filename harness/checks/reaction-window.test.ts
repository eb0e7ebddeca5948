import { describe, expect, it } from "vitest";
import { History } from "../history";
import type { Interval } from "./intervals";
import { REACTION_WINDOW_WALL_MS, windingDownAfterKill } from "./reaction-window";

const KILL = 1_000;
const work = (runId: string, start: number, end: number, decidedAt?: number): Interval => ({ runId, start, end, instance: "app", jobId: `${runId}-${start}`, ...(decidedAt === undefined ? {} : { decidedAt }) });
const withKill = (fault = "terminate-holder-backend") => {
  const history = new History();
  history.append({ type: "fault", phase: "start", at: KILL, fault, detail: "terminated backend 1" });
  return history;
};

describe("work wound down after a session kill", () => {
  it("excuses in-flight work ending within the window, beside a run started after the kill", () => {
    expect(windingDownAfterKill(withKill(), [work("old", 500, KILL + REACTION_WINDOW_WALL_MS), work("new", KILL + 5, 2_000)])).toBe(true);
  });

  it("not work that ran on past the window", () => {
    expect(windingDownAfterKill(withKill(), [work("old", 500, KILL + REACTION_WINDOW_WALL_MS + 1), work("new", KILL + 5, 2_000)])).toBe(false);
  });

  it("not work the old run claimed after the kill", () => {
    expect(windingDownAfterKill(withKill(), [work("old", KILL + 1, KILL + 10), work("new", KILL + 5, 2_000)])).toBe(false);
  });

  it("not an overlap with a run that started before the kill", () => {
    expect(windingDownAfterKill(withKill(), [work("old", 500, KILL + 10), work("new", 900, 2_000)])).toBe(false);
  });

  it("judges before and after the kill by the decision to claim, not by when the claim returned", () => {
    // The new run decided before the kill (its claim returned after): it started before the kill.
    expect(windingDownAfterKill(withKill(), [work("old", 500, KILL + 10), work("new", KILL + 5, 2_000, KILL - 5)])).toBe(false);
    // The old run decided before the kill; its claim returned after: in flight at the kill, excused.
    expect(windingDownAfterKill(withKill(), [work("old", KILL + 2, KILL + 10, KILL - 5), work("new", KILL + 5, 2_000)])).toBe(true);
  });

  it("not without a session kill: a SIGKILL or no fault at all", () => {
    expect(windingDownAfterKill(withKill("kill-holder"), [work("old", 500, KILL + 10), work("new", KILL + 5, 2_000)])).toBe(false);
    expect(windingDownAfterKill(new History(), [work("old", 500, KILL + 10), work("new", KILL + 5, 2_000)])).toBe(false);
  });
});
