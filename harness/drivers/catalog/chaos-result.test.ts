import { describe, expect, it } from "vitest";
import { fail, pass } from "../../checks/verdict";
import { entryAsExpected } from "./chaos-result";

const fired = pass("fault fired", "it fired");
const ok = (name: string) => pass(name, "held");
const broken = (name: string) => fail(name, "broke");

describe("whether a catalog entry came out as expected", () => {
  it("survives: only when every verdict passes", () => {
    expect(entryAsExpected({ expect: "survives", verdicts: [fired, ok("mutual exclusion")], failing: [] })).toBe(true);
    expect(entryAsExpected({ expect: "survives", verdicts: [fired, broken("mutual exclusion")], failing: ["mutual-exclusion"] })).toBe(false);
  });

  it("breaks: the fault fired and an invariant caught it; a fault that never fired proves nothing", () => {
    expect(entryAsExpected({ expect: "breaks", verdicts: [fired, broken("mutual exclusion")], failing: ["mutual-exclusion"] })).toBe(true);
    expect(entryAsExpected({ expect: "breaks", verdicts: [fail("fault fired", "never"), broken("mutual exclusion")], failing: ["mutual-exclusion"] })).toBe(false);
    expect(entryAsExpected({ expect: "breaks", verdicts: [fired, ok("mutual exclusion")], failing: [] })).toBe(false);
  });

  it("a declared known break: caught only by declared checks, so a new breakage is not hidden behind it", () => {
    const declared = { expect: "breaks" as const, caughtBy: ["nothing-lost" as const, "lock-free" as const] };
    expect(entryAsExpected({ ...declared, verdicts: [fired, broken("nothing lost")], failing: ["nothing-lost"] })).toBe(true);
    expect(entryAsExpected({ ...declared, verdicts: [fired, broken("nothing lost"), broken("lock is free afterwards")], failing: ["nothing-lost", "lock-free"] })).toBe(true);
    expect(entryAsExpected({ ...declared, verdicts: [fired, broken("nothing lost"), broken("mutual exclusion")], failing: ["nothing-lost", "mutual-exclusion"] })).toBe(false);
    expect(entryAsExpected({ ...declared, verdicts: [fired, broken("mutual exclusion")], failing: ["mutual-exclusion"] })).toBe(false);
  });

  it("a declared break that stopped breaking fails the gate, unless declared intermittent", () => {
    const survived = { verdicts: [fired, ok("nothing lost")], failing: [] };
    expect(entryAsExpected({ expect: "breaks", caughtBy: ["nothing-lost"], ...survived })).toBe(false);
    expect(entryAsExpected({ expect: "breaks", caughtBy: ["nothing-lost"], intermittent: true, ...survived })).toBe(true);
    expect(entryAsExpected({ expect: "breaks", caughtBy: ["nothing-lost"], intermittent: true, verdicts: [fired, broken("mutual exclusion")], failing: ["mutual-exclusion"] })).toBe(false);
  });
});
