import type { CheckInput } from "./check-input";
import { describeInvocation, proceeded } from "./bodies";
import { fail, pass, unknown, type Verdict } from "./verdict";

const INVARIANT = "the next invocation proceeds";

/** After the fault heals, the next tick must get the lock: a leaked lock would make it answer "locked". */
export function followUpProceeds({ followUps }: CheckInput): Verdict {
  const next = followUps[0];
  if (!next) return unknown(INVARIANT, "no follow-up invocation was fired");
  if (proceeded(next)) return pass(INVARIANT, `the next invocation ran (${(next.body as { claimed?: number }).claimed ?? 0} jobs claimed)`);
  return fail(INVARIANT, `the next invocation did not run: ${describeInvocation(next)}`);
}
