import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { chatCompletionBody } from "../../../harness/openai/completion";
import { useAppDatabase } from "../../../harness/vitest/app-database";
import { processBackgroundJobs } from "./runner";

// Asymmetric matchers are typed `any`; held as unknown they type-check inside expected objects.
const aNumber: unknown = expect.any(Number);
const aString: unknown = expect.any(String);
const aStringContaining = (text: string): unknown => expect.stringContaining(text);

// OpenAI answers through msw; `answer` decides per request (by the prompt, which carries the job's text).
type Answer = (prompt: string) => Promise<void>;
let answer: Answer = async () => undefined;
const openai = setupServer(
  http.post("*/chat/completions", async ({ request }) => {
    const body = (await request.json()) as { messages: { content: string }[] };
    await answer(body.messages[0]?.content ?? "");
    return HttpResponse.json(chatCompletionBody("gpt-4o-mini", 1));
  }),
);
beforeAll(() => openai.listen({ onUnhandledRequest: "error" }));
afterEach(() => openai.resetHandlers());
afterAll(() => openai.close());

type Event = Record<string, unknown> & { phase: string };
function appEvents(channel: "run" | "job", onEvent: (event: Event) => void = () => undefined): Event[] {
  const events: Event[] = [];
  const listener = (message: unknown) => {
    events.push(message as Event);
    onEvent(message as Event);
  };
  subscribe(`cronstorm-app:${channel}`, listener);
  onTestFinished(() => void unsubscribe(`cronstorm-app:${channel}`, listener));
  return events;
}

describe("processBackgroundJobs", () => {
  const db = useAppDatabase("runner");
  beforeEach(() => {
    answer = async () => undefined;
    Object.assign(process.env, { OPENAI_API_KEY: "sk-test", OPENAI_MAX_RETRIES: "0", OPENAI_TIMEOUT_MS: "10000", BACKGROUND_JOB_CONCURRENCY: "1" });
  });
  afterEach(() => vi.useRealTimers());

  /** Pending jobs whose prompts contain "job <n>"; `poison` ones lack their field, so the handler throws. */
  const seed = async (count: number, poison = 0) =>
    (
      await db.observer.query<{ id: string }>(
        `insert into background_jobs (kind, payload, run_after)
         select 'summarize_thread', case when i <= $2 then '{}'::jsonb else jsonb_build_object('thread', 'job ' || i || '.') end,
                now() - interval '1 minute'
         from generate_series(1, $1) i order by i returning id`,
        [count, poison],
      )
    ).rows.map((r) => r.id);
  const attempts = async () => (await db.observer.query("select job_id from background_job_attempts")).rows.length;

  it("drains the queue, and its summary, run row and events say what it did", async () => {
    process.env.BACKGROUND_JOB_CONCURRENCY = "2";
    const ids = await seed(5, 1);
    const runEvents = appEvents("run");
    const jobEvents = appEvents("job");
    const before = Date.now();
    const summary = await processBackgroundJobs();
    const elapsed = Date.now() - before;

    expect(summary).toEqual({ runId: aString, claimed: 5, succeeded: 4, failed: 1, reclaimed: 0, stoppedBy: "empty", durationMs: aNumber });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(summary.durationMs).toBeLessThanOrEqual(elapsed);
    const { rows } = await db.observer.query("select claimed, succeeded, failed, stopped_by, lock_backend_pid from background_job_runs where run_id = $1", [summary.runId]);
    expect(rows).toEqual([{ claimed: 5, succeeded: 4, failed: 1, stopped_by: "empty", lock_backend_pid: null }]);

    const { runId } = summary;
    expect(runEvents).toEqual([
      { phase: "start", runId, at: aNumber, budgetMs: 240_000, safetyBufferMs: 7_500 },
      { phase: "end", at: aNumber, ...summary },
    ]);
    const claims = jobEvents.filter((e) => e.phase === "claim");
    const finishes = jobEvents.filter((e) => e.phase === "finish");
    expect(claims.map((e) => e.jobId).sort()).toEqual([...ids].sort());
    expect(claims.every((e) => e.runId === runId && typeof e.at === "number")).toBe(true);
    // The claim returned after the decision to claim; the database wrote each attempt after it too.
    expect(claims.every((e) => typeof e.claimedAt === "number" && e.claimedAt >= (e.at as number))).toBe(true);
    // (The database runs on this machine: one clock.)
    const { rows: written } = await db.observer.query<{ late: boolean }>("select recorded_at >= started_at as late from background_job_attempts");
    expect(written.map((r) => r.late)).toEqual(ids.map(() => true));
    expect(finishes.map((e) => [e.jobId, e.outcome]).sort()).toEqual(ids.map((id, i) => [id, i === 0 ? "failed" : "succeeded"]).sort());
  });

  it("counts a job taken over from a run whose lease expired as reclaimed", async () => {
    const [abandoned] = await seed(2);
    await db.observer.query(
      `update background_jobs set status = 'processing', run_id = gen_random_uuid(), attempts = 1, lease_expires_at = now() - interval '1 minute'
       where id = $1`,
      [abandoned],
    );
    expect(await processBackgroundJobs()).toMatchObject({ claimed: 2, succeeded: 2, reclaimed: 1 });
  });

  it("does not count a result that was fenced off because another run took the job over", async () => {
    await seed(1);
    answer = async () => void (await db.observer.query("update background_jobs set run_id = gen_random_uuid()"));
    const jobEvents = appEvents("job");
    // toEqual, not toMatchObject: no count may change, and no "fenced" count may appear.
    expect(await processBackgroundJobs()).toEqual({ runId: aString, claimed: 1, succeeded: 0, failed: 0, reclaimed: 0, stoppedBy: "empty", durationMs: aNumber });
    expect(jobEvents.find((e) => e.phase === "finish")).toMatchObject({ outcome: "fenced" });
  });

  it("starts no job at start + budget − safety buffer, to the millisecond", async () => {
    process.env.BACKGROUND_JOB_CRON_TIME_BUDGET_MS = "10000";
    process.env.BACKGROUND_JOB_SAFETY_BUFFER_MS = "2000";
    await seed(3);
    // Only Date is faked (timers, sockets and msw stay real): the clock stands still except where the
    // test moves it, here to the last start instant while the first job is in flight.
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    answer = async () => void vi.setSystemTime(start + 10_000 - 2_000);
    expect(await processBackgroundJobs()).toMatchObject({ claimed: 1, succeeded: 1, stoppedBy: "budget" });
  });

  it("claims nothing once its lock is lost, and records the lock session it ran under", async () => {
    await seed(2);
    const summary = await processBackgroundJobs({ lock: { backendPid: 4242, lost: AbortSignal.abort() } });
    expect(summary).toMatchObject({ claimed: 0, stoppedBy: "lock-lost" });
    expect(await attempts()).toBe(0);
    const { rows } = await db.observer.query("select lock_backend_pid from background_job_runs where run_id = $1", [summary.runId]);
    expect(rows).toEqual([{ lock_backend_pid: 4242 }]);
  });

  it("puts its job back the moment its lock is lost, even while the OpenAI SDK sleeps before a retry", async () => {
    process.env.OPENAI_MAX_RETRIES = "1";
    await seed(1);
    // A 500 with retry-after-ms: the SDK sleeps that long before retrying, and looks at its abort signal
    // only when it wakes. The lock is lost once the 500 has reached the SDK (msw's event, then the SDK's
    // microtasks, then the setImmediate below).
    const RETRY_AFTER_MS = 5_000;
    const lost = new AbortController();
    let requests = 0;
    openai.use(
      http.post("*/chat/completions", () => {
        requests += 1;
        return new HttpResponse(null, { status: 500, headers: { "retry-after-ms": String(RETRY_AFTER_MS) } });
      }),
    );
    const loseLockOnceAnswered = () => void setImmediate(() => lost.abort(new Error("advisory lock session ended")));
    openai.events.on("response:mocked", loseLockOnceAnswered);
    onTestFinished(() => void openai.events.removeListener("response:mocked", loseLockOnceAnswered));

    const before = Date.now();
    const summary = await processBackgroundJobs({ lock: { backendPid: 4242, lost: lost.signal } });
    const elapsed = Date.now() - before;
    expect(lost.signal.aborted).toBe(true);
    expect(requests).toBe(1);
    expect(summary).toMatchObject({ claimed: 1, succeeded: 0, failed: 1, stoppedBy: "lock-lost" });
    // Without the fix it returns after the SDK's sleep: the whole retry-after.
    expect(elapsed).toBeLessThan(RETRY_AFTER_MS / 2);
    const { rows } = await db.observer.query("select status, attempts from background_jobs");
    expect(rows).toEqual([{ status: "pending", attempts: 0 }]);
    const { rows: closed } = await db.observer.query("select outcome, error from background_job_attempts");
    expect(closed).toEqual([{ outcome: "failed", error: "aborted: the run lost its lock" }]);
  });

  it("stops the other workers from claiming once one fails, and reports the crash", async () => {
    process.env.BACKGROUND_JOB_CONCURRENCY = "2";
    const [first] = await seed(4);
    // Job 1's outcome cannot be written (neither success nor failure), so its worker fails the run. The
    // trigger counts in a sequence first: sequences survive the rollback, so the test can see it fired.
    await db.observer.query(`
      create sequence outcome_failures;
      create function fail_outcome() returns trigger language plpgsql as $$
        begin perform nextval('outcome_failures'); raise exception 'injected outcome failure'; end $$;
      create trigger fail_outcome before update on background_jobs for each row
        when (old.id = ${Number(first)} and new.status <> 'processing') execute function fail_outcome();`);
    // Barriers, not delays: job 1 answers only once job 2 is in its OpenAI call (claimed), and job 2
    // answers only once job 1's worker has failed (its crash event, published in the same tick that
    // stops the others), so job 2's worker must see the failure and claim no more.
    let job2Arrived!: () => void;
    const job2InFlight = new Promise<void>((resolve) => (job2Arrived = resolve));
    let job1Crashed!: () => void;
    const job1Crash = new Promise<void>((resolve) => (job1Crashed = resolve));
    const jobEvents = appEvents("job", (event) => event.phase === "crash" && job1Crashed());
    answer = async (prompt) => {
      if (prompt.includes("job 1.")) return job2InFlight;
      job2Arrived();
      await job1Crash;
    };
    const runEvents = appEvents("run");

    await expect(processBackgroundJobs()).rejects.toThrow("injected outcome failure");
    expect(await attempts()).toBe(2);
    // The fault fired: the trigger ran, and the crash names job 1.
    expect((await db.observer.query<{ fired: boolean }>("select is_called as fired from outcome_failures")).rows[0]?.fired).toBe(true);
    expect(jobEvents.filter((e) => e.phase === "crash")).toEqual([{ phase: "crash", runId: aString, jobId: first, at: aNumber, error: aStringContaining("injected outcome failure") }]);
    expect(runEvents.at(-1)).toEqual({ phase: "crash", runId: aString, at: aNumber, error: aStringContaining("injected outcome failure") });
  });
});
