import { withinBudget } from "../checks/budget";
import type { CheckInput } from "../checks/check-input";
import { locksDeclaredKey } from "../checks/declared-key";
import { errorBodySafe } from "../checks/error-body-safe";
import { exactlyOneProceeded } from "../checks/exactly-one-proceeded";
import { followUpProceeds } from "../checks/follow-up-proceeds";
import { lockFree } from "../checks/lock-free";
import { noDoubleProcessing } from "../checks/no-double-processing";
import { othersAnswerLocked } from "../checks/others-locked";
import { rejectedUntouched } from "../checks/unauthorized";
import type { Verdict } from "../checks/verdict";
import { workInsideLock } from "../checks/work-inside-lock";

export const CHECKS = {
  "exactly-one-proceeds": exactlyOneProceeded,
  "others-locked": othersAnswerLocked,
  "lock-free": lockFree,
  "no-double-processing": noDoubleProcessing,
  "within-budget": withinBudget,
  "follow-up-proceeds": followUpProceeds,
  "error-body-safe": errorBodySafe,
  "unauthorized-untouched": rejectedUntouched,
  "declared-key": locksDeclaredKey,
  "work-inside-lock": async (input) =>
    workInsideLock({ invocations: [...input.burst, ...input.followUps], attempts: await input.jobs.readAttempts(input.observer), scale: input.scale, clockSkewMs: input.clockSkewMs }),
} satisfies Record<string, (input: CheckInput) => Verdict | Promise<Verdict>>;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];
