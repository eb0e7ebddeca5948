import { describe, expect, it, vi } from "vitest";
import { History } from "./history";

const tick = (at: number) => ({ type: "tick" as const, at, tick: at, deliveries: 1 });

describe("waiting on the history", () => {
  it("resolves with a matching event already recorded, or the next one", async () => {
    const history = new History();
    history.append(tick(1));
    await expect(history.waitFor("tick 1", (e) => e.at === 1, 1_000)).resolves.toMatchObject({ at: 1 });
    const next = history.waitFor("tick 2", (e) => e.at === 2, 1_000);
    history.append(tick(2));
    await expect(next).resolves.toMatchObject({ at: 2 });
  });

  it("rejects once aborted, or at once when already aborted, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    try {
      const history = new History();
      const stop = new AbortController();
      const waiting = history.waitFor("a tick", () => true, 60_000, stop.signal);
      expect(vi.getTimerCount()).toBe(1);
      stop.abort();
      await expect(waiting).rejects.toThrow("stopped waiting for a tick");
      expect(vi.getTimerCount()).toBe(0);
      await expect(history.waitFor("a tick", () => true, 60_000, stop.signal)).rejects.toThrow("stopped waiting");
      expect(vi.getTimerCount()).toBe(0);
      // Nothing still waits: a later event reaches no one.
      history.append(tick(3));
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects after its timeout saying what it waited for, and an abort after that changes nothing", async () => {
    vi.useFakeTimers();
    try {
      const stop = new AbortController();
      const waiting = new History().waitFor("tick 9", (e) => e.at === 9, 500, stop.signal);
      vi.advanceTimersByTime(500);
      await expect(waiting).rejects.toThrow("waited 500 ms for tick 9, which never happened");
      stop.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});
