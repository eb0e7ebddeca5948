import { withinBudget } from "./budget";
import type { CheckInput } from "./check-input";
import { locksDeclaredKey } from "./declared-key";
import { errorBodySafe } from "./error-body-safe";
import { exactlyOneProceeded } from "./exactly-one-proceeded";
import { followUpProceeds } from "./follow-up-proceeds";
import { lockFree } from "./lock-free";
import { noDoubleProcessing } from "./no-double-processing";
import { othersAnswerLocked } from "./others-locked";
import { rejectedUntouched } from "./unauthorized";
import type { Verdict } from "./verdict";
import { workInsideLock } from "./work-inside-lock";
import { jobExclusivity } from "./job-exclusivity";
import { mutualExclusion } from "./mutual-exclusion";
import { nothingLost } from "./nothing-lost";
import { starvation } from "./starvation";

/**
 * Every invariant cronstorm judges, by one unique name: what scenario and catalog specs list in `checks`.
 * Each reads only the CheckInput every driver gives (answers, history, the jobs tables, pg_locks).
 */
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
  // Judged over a whole history of ticks (the catalog), from what every target exposes.
  "mutual-exclusion": mutualExclusion,
  "job-exclusivity": jobExclusivity,
  "nothing-lost": nothingLost,
  starvation,
} satisfies Record<string, (input: CheckInput) => Verdict | Promise<Verdict>>;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];
