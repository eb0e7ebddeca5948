import { describe, expect, it } from "vitest";
import { History } from "../history";
import { holdIntervals, overlapsBetweenOwners } from "./intervals";

const KILL = 1_000;
const lock = (at: number, phase: string, backendPid: number, instance: string, extra: { acquired?: boolean; requestedAt?: number } = {}) =>
  ({ type: "lock", at, phase, route: "r", key: "63063063063", backendPid, instance, ...extra }) as const;
const holders = (history: History) => overlapsBetweenOwners(holdIntervals(history, "narrowest"), (i) => `${i.instance}/${i.backendPid}`);

/** A's session held the lock from 100; a fault killed it at KILL; B took the freed lock at KILL + 20. */
function killedThenRetaken(fault: string, end: (h: History) => void, target: { pid?: number; instance?: string } = {}): History {
  const history = new History();
  history.append(lock(100, "acquire", 1, "i1", { acquired: true }));
  history.append({ type: "fault", phase: "start", at: KILL, fault, detail: "kill", ...target });
  history.append(lock(KILL + 20, "acquire", 2, "i2", { acquired: true }));
  end(history); // A's process, starved, notices (or the harness sees it die) a second later
  history.append(lock(3_000, "release", 2, "i2", { requestedAt: 2_990 }));
  return history;
}

describe("lock holds ended by a kill", () => {
  it("end no later than the kill began, not when a starved process noticed the loss", () => {
    const history = killedThenRetaken("terminate-all-backends", (h) => h.append(lock(KILL + 1_000, "lost", 1, "i1")));
    expect(holdIntervals(history, "narrowest")[0]).toMatchObject({ start: 100, end: KILL });
    expect(holdIntervals(history, "widest")[0]).toMatchObject({ end: KILL + 1_000 });
    expect(holders(history)).toEqual([]);
  });

  it("end no later than the SIGKILL, not when the harness saw the instance exit", () => {
    const history = killedThenRetaken("kill-holder", (h) => h.append({ type: "instance", phase: "exit", at: KILL + 1_000, instance: "i1", signal: "SIGKILL", code: null }), { instance: "i1" });
    expect(holdIntervals(history, "narrowest")[0]).toMatchObject({ end: KILL });
    expect(holders(history)).toEqual([]);
  });

  it("still overlap when the next session took the lock before the kill began", () => {
    const history = new History();
    history.append(lock(100, "acquire", 1, "i1", { acquired: true }));
    history.append(lock(500, "acquire", 2, "i2", { acquired: true }));
    history.append({ type: "fault", phase: "start", at: KILL, fault: "terminate-holder-backend", detail: "kill" });
    history.append(lock(KILL + 1_000, "lost", 1, "i1"));
    expect(holders(history)).toHaveLength(1);
  });

  it("end at the kill of their own session only: terminate-holder-backend names the backend it killed", () => {
    const own = killedThenRetaken("terminate-holder-backend", (h) => h.append(lock(KILL + 1_000, "lost", 1, "i1")), { pid: 1 });
    expect(holdIntervals(own, "narrowest")[0]?.end).toBe(KILL);
    const other = killedThenRetaken("terminate-holder-backend", (h) => h.append(lock(KILL + 1_000, "lost", 1, "i1")), { pid: 7 });
    expect(holdIntervals(other, "narrowest")[0]?.end).toBe(KILL + 1_000);
    expect(holders(other)).toHaveLength(1);
  });

  it("keep the loss as their end when no kill explains it, or only one of another kind or instance", () => {
    for (const [fault, instance] of [[undefined], ["pause-holder"], ["kill-holder", "i1"], ["kill-holder", "i9"]] as const) {
      const history = new History();
      history.append(lock(100, "acquire", 1, "i1", { acquired: true }));
      if (fault) history.append({ type: "fault", phase: "start", at: KILL, fault, detail: "x", instance });
      history.append(lock(KILL + 20, "acquire", 2, "i2", { acquired: true }));
      history.append(lock(KILL + 1_000, "lost", 1, "i1"));
      expect(holdIntervals(history, "narrowest")[0]?.end).toBe(KILL + 1_000);
      expect(holders(history)).toHaveLength(1);
    }
    // A process kill ends only the killed instance's hold: i1, dead of something else after i9's kill, keeps its death.
    const history = killedThenRetaken("kill-holder", (h) => h.append({ type: "instance", phase: "exit", at: KILL + 1_000, instance: "i1", signal: "SIGKILL", code: null }), { instance: "i9" });
    expect(holdIntervals(history, "narrowest")[0]?.end).toBe(KILL + 1_000);
  });
});
