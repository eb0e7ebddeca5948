import { describe, expect, it } from "vitest";
import { History } from "../history";
import { TimeScale } from "../time-scale";
import type { AttemptRow, JobsAdapter } from "../target/jobs-adapter";
import type { CheckInput } from "./check-input";
import { mutualExclusion } from "./mutual-exclusion";
import { REACTION_WINDOW_WALL_MS } from "./reaction-window";

const T0 = 1_700_000_000_000;
const attempt = (runId: string, start: number, end: number, error: string | null = null, recorded?: number): AttemptRow => ({
  jobId: `${runId}-${start}`,
  runId,
  startedAt: new Date(T0 + start),
  ...(recorded === undefined ? {} : { recordedAt: new Date(T0 + recorded) }),
  finishedAt: new Date(T0 + end),
  outcome: error ? "failed" : "succeeded",
  error,
});

/** An app that reports no events (an HTTP target): its work is read from its attempts table. */
function input(attempts: AttemptRow[], killAt?: number, clockSkewMs = 0): CheckInput {
  const history = new History();
  history.append({ type: "tick", at: T0, tick: 0, deliveries: 1 });
  if (killAt !== undefined) history.append({ type: "fault", phase: "start", at: T0 + killAt, fault: "terminate-holder-backend", detail: "terminated backend 1", pid: 1 });
  const jobs = { readAttempts: () => Promise.resolve(attempts) } as unknown as JobsAdapter;
  return { history, jobs, scale: new TimeScale(60), clockSkewMs } as unknown as CheckInput;
}

describe("mutual exclusion, judged from an app's attempts table", () => {
  it("names the overlapping attempts with how they ended, and when the kill began", async () => {
    const verdict = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_800, "aborted: the run lost its lock"), attempt("bbbbbbbb-new", 1_700, 2_000)], 1_000));
    expect(verdict.status).toBe("fail");
    // Wall ms ×60 in production seconds: 100 ms → 6.0 s, the kill at 1 000 ms → 60.0 s.
    expect(verdict.detail).toBe(
      "two runs worked at once: aaaaaaaa on app (6.0 s–108.0 s, failed: aborted: the run lost its lock) and bbbbbbbb on app (102.0 s–120.0 s, succeeded); a fault killed lock sessions at 60.0 s",
    );
  });

  it("excuses the killed run's in-flight attempt ending within the reaction window, and says so", async () => {
    const verdict = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_000 + REACTION_WINDOW_WALL_MS, "aborted: the run lost its lock"), attempt("bbbbbbbb-new", 1_050, 2_000)], 1_000));
    expect(verdict.status).toBe("pass");
    expect(verdict.figures).toMatchObject({ "overlapping work": 0, "wound down after a kill": 1 });
  });

  it("starts an attempt when the database wrote it, not when its run decided to claim", async () => {
    // The new run decided at 1 700 ms, but its claim ran only at 1 850 ms, after the old run's last job ended.
    const late = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_800), attempt("bbbbbbbb-new", 1_700, 2_000, null, 1_850)]));
    expect(late.status).toBe("pass");
    const during = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_800), attempt("bbbbbbbb-new", 1_700, 2_000, null, 1_750)]));
    expect(during.detail).toContain("bbbbbbbb on app (105.0 s–120.0 s, succeeded)");
    // The database's clock may be off the app's by its measured skew: the claim counts that much earlier.
    const skewed = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_800), attempt("bbbbbbbb-new", 1_700, 2_000, null, 1_850)], undefined, 100));
    expect(skewed.detail).toContain("bbbbbbbb on app (105.0 s–120.0 s, succeeded)");
  });

  it("says nothing of kills when there was none", async () => {
    const verdict = await mutualExclusion(input([attempt("aaaaaaaa-old", 100, 1_800), attempt("bbbbbbbb-new", 1_700, 2_000)]));
    expect(verdict.detail).not.toContain("killed");
  });
});
