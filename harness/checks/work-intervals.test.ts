import { describe, expect, it } from "vitest";
import { History } from "../history";
import { workIntervals } from "./intervals";

describe("the work a run did, from the route's job events", () => {
  it("starts a job when its claim returned, where the route says, not when the run decided to claim", () => {
    const history = new History();
    history.append({ type: "job", phase: "claim", at: 100, claimedAt: 180, runId: "r1", jobId: "1", instance: "shared" });
    history.append({ type: "job", phase: "claim", at: 150, runId: "r1", jobId: "2", instance: "shared" });
    history.append({ type: "job", phase: "finish", at: 400, runId: "r1", jobId: "1", outcome: "succeeded", instance: "shared" });
    history.append({ type: "job", phase: "finish", at: 500, runId: "r1", jobId: "2", outcome: "succeeded", instance: "shared" });
    expect(workIntervals(history).map((w) => [w.jobId, w.decidedAt, w.start, w.end, w.ending])).toEqual([
      ["1", 100, 180, 400, "succeeded"],
      // A route that reports only the decision is judged from it.
      ["2", 150, 150, 500, "succeeded"],
    ]);
  });
});
