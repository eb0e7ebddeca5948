import { afterEach, describe, expect, it, vi } from "vitest";
import { TimeScale } from "../../time-scale";
import type { AppInstance } from "./app-instance";
import { History } from "../../history";
import { invokeOnce } from "../../invoker";
import { boundedByMaxDuration, countUnanswered, maxDurationGuardWallMs } from "./bounded-instance";

const instance = (invoke: AppInstance["invoke"]): AppInstance => ({ mode: "shared", invoke, close: async () => undefined });

describe("an invocation bounded by maxDuration", () => {
  it("answers as the app does when it answers in time", async () => {
    const bounded = boundedByMaxDuration(instance(async () => Response.json({ ok: true })), new TimeScale(1000));
    expect(await (await bounded.invoke(new Request("http://x/"))).json()).toEqual({ ok: true });
  });

  afterEach(() => void vi.useRealTimers());

  it("turns a hang into an error naming maxDuration, no sooner than the 20 s wall floor", async () => {
    vi.useFakeTimers();
    const never = boundedByMaxDuration(instance(() => new Promise<Response>(() => undefined)), new TimeScale(1000));
    const outcome = never.invoke(new Request("http://x/")).then(() => "answered", (error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(await Promise.race([outcome, Promise.resolve("pending")])).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatch(/twice maxDuration \(800 s\).*deadlocked/);
  });

  it("gives up at twice maxDuration in whole wall milliseconds, which AbortSignal.timeout requires", () => {
    // ×60: 1 600 s of production time is 26 666.7 ms of wall time.
    expect(maxDurationGuardWallMs(new TimeScale(60))).toBe(26_667);
    expect(() => AbortSignal.timeout(maxDurationGuardWallMs(new TimeScale(60)))).not.toThrow();
    expect(maxDurationGuardWallMs(new TimeScale(1000))).toBe(20_000);
  });

  it("counts the invocations it ended, not those the app failed itself", async () => {
    vi.useFakeTimers();
    const scale = new TimeScale(1000);
    const history = new History();
    const hung = invokeOnce(boundedByMaxDuration(instance(() => new Promise<Response>(() => undefined)), scale), new Request("http://x/"), 0, history);
    const threw = invokeOnce(boundedByMaxDuration(instance(() => Promise.reject(new Error("pool exhausted"))), scale), new Request("http://x/"), 1, history);
    const answered = invokeOnce(boundedByMaxDuration(instance(async () => Response.json({ ok: true })), scale), new Request("http://x/"), 2, history);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(countUnanswered(await Promise.all([hung, threw, answered]))).toBe(1);
  });

  it("turns a close that never finishes into an error too, so a deadlocked app's teardown ends", async () => {
    vi.useFakeTimers();
    const stuck: AppInstance = { mode: "shared", invoke: async () => Response.json({}), close: () => new Promise<void>(() => undefined) };
    const closing = boundedByMaxDuration(stuck, new TimeScale(1000)).close().then(() => "closed", (error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await closing).toMatch(/^the app's close did not finish .* after 20000 s of production time, twice maxDuration/);
  });
});
