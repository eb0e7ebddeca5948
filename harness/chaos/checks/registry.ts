import { lockFree } from "../../checks/lock-free";
import { workInsideLock } from "../../checks/work-inside-lock";
import { databaseClockSkew } from "../../db/clock-skew";
import type { Verdict } from "../../checks/verdict";
import type { ChaosWorld } from "../world";
import { jobExclusivity } from "./job-exclusivity";
import { mutualExclusion } from "./mutual-exclusion";
import { nothingLost } from "./nothing-lost";
import { starvation } from "./starvation";

export const CHAOS_CHECKS = {
  "mutual-exclusion": mutualExclusion,
  "no-double-processing": jobExclusivity,
  "nothing-lost": nothingLost,
  "lock-free": (world: ChaosWorld) => lockFree(world),
  starvation,
  "work-inside-lock": async (world: ChaosWorld) =>
    workInsideLock({ invocations: world.invocations, attempts: await world.jobs.readAttempts(world.observer), scale: world.scale, clockSkewMs: await databaseClockSkew(world.observer) }),
} satisfies Record<string, (world: ChaosWorld) => Verdict | Promise<Verdict>>;

export type ChaosCheckName = keyof typeof CHAOS_CHECKS;
export const ALL_CHAOS_CHECKS = Object.keys(CHAOS_CHECKS) as ChaosCheckName[];
