import type { CheckInput } from "./check-input";
import { describeInvocation, proceeded } from "./bodies";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "exactly one run proceeds";

export function exactlyOneProceeded({ burst, history }: CheckInput): Verdict {
  const gate = history.ofType("gate")[0];
  if (gate?.opened === "timeout") {
    return unknown(INVARIANT, "the lock holder was released by the gate's timeout, not by the others answering; some invocation never answered");
  }
  const winners = burst.filter(proceeded);
  const figures = { invocations: burst.length, proceeded: winners.length };
  if (winners.length === 1) return pass(INVARIANT, `1 of ${burst.length} overlapping invocations ran the jobs`, figures);
  const listed = winners.map(describeInvocation).slice(0, 5).join("; ");
  return fail(INVARIANT, `${winners.length} of ${burst.length} overlapping invocations ran the jobs: ${listed || "none answered with a run summary"}`, figures);
}
