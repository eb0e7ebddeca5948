import type { ScratchDatabases } from "./db/scratch";
import type { TimeScale } from "./time-scale";

/** What a harness session holds for all its scenarios. */
export interface HarnessContext {
  scratch: ScratchDatabases;
  scale: TimeScale;
  /** Each scenario's seed derives from this and its name. */
  baseSeed: number;
  /** Keep each scenario's database after a failing verdict, for inspection. */
  keepFailedDatabases: boolean;
}
