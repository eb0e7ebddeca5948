import type { CheckInput } from "./check-input";
import { lockedShapeProblem, proceeded } from "./bodies";
import { fail, pass, type Verdict } from "./verdict";

const INVARIANT = 'the others answer reason "locked"';

export function othersAnswerLocked({ burst }: CheckInput): Verdict {
  const others = burst.filter((i) => !proceeded(i));
  const problems = others.flatMap((i) => {
    const problem = lockedShapeProblem(i);
    return problem ? [`#${i.index}: ${problem}`] : [];
  });
  const expected = burst.length - 1;
  const figures = { locked: others.length - problems.length, expected };
  if (others.length !== expected) {
    return fail(INVARIANT, `${others.length} invocations did not proceed, expected ${expected}`, figures);
  }
  if (problems.length > 0) return fail(INVARIANT, `wrong skipped answers: ${problems.slice(0, 5).join("; ")}`, figures);
  return pass(INVARIANT, `${expected} invocations answered exactly {success:true, skipped:true, reason:"locked", timestamp}`, figures);
}
