import { afterEach, describe, expect, it, vi } from "vitest";
import { TimeScale } from "../../time-scale";
import type { AppInstance } from "./app-instance";
import { boundedByMaxDuration } from "./bounded-instance";

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
});
