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

  it("leaves no timer behind once resolved", async () => {
    vi.useFakeTimers();
    try {
      const history = new History();
      const waiting = history.waitFor("a tick", () => true, 60_000);
      expect(vi.getTimerCount()).toBe(1);
      history.append(tick(3));
      await expect(waiting).resolves.toMatchObject({ at: 3 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects after its timeout saying what it waited for, and a later event reaches no one", async () => {
    vi.useFakeTimers();
    try {
      const history = new History();
      const matches = vi.fn((e: { at: number }) => e.at === 9);
      const waiting = history.waitFor("tick 9", matches, 500);
      vi.advanceTimersByTime(500);
      await expect(waiting).rejects.toThrow("waited 500 ms for tick 9, which never happened");
      history.append(tick(9));
      expect(matches).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
