import type { ScenarioSpec } from "../harness/drivers/scenario/spec";
import { AUTH } from "./auth";
import { BURSTS } from "./burst";
import { EXCEPTIONS } from "./exceptions";
import { SLOW_OPENAI } from "./slow-openai";

/** The default set: what `npm run chaos` runs and the CI gate proves. */
export const DEFAULT_SCENARIOS: ScenarioSpec[] = [...BURSTS, ...EXCEPTIONS, SLOW_OPENAI, ...AUTH];
