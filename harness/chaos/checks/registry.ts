import { lockFree } from "../../checks/lock-free";
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
} satisfies Record<string, (world: ChaosWorld) => Verdict | Promise<Verdict>>;

export type ChaosCheckName = keyof typeof CHAOS_CHECKS;
export const ALL_CHAOS_CHECKS = Object.keys(CHAOS_CHECKS) as ChaosCheckName[];
