import type { CheckInput } from "../checks/check-input";
import { databaseClockSkew } from "../db/clock-skew";
import type { Invocation } from "../invoker";
import type { Trial } from "./trial";

/** What every check reads, from a trial once its invocations have answered. */
export async function trialCheckInput(trial: Trial, burst: Invocation[], followUps: Invocation[] = [], expectedStatus?: number): Promise<CheckInput> {
  return {
    history: trial.history,
    burst,
    followUps,
    observer: trial.observer,
    jobs: trial.target.jobs,
    lockKey: trial.target.lockKey,
    scale: trial.scale,
    openai: trial.openai.stats,
    settings: trial.settings,
    secretsThatMustNotLeak: [trial.settings.cronSecret, new URL(trial.database.url).password],
    clockSkewMs: await databaseClockSkew(trial.observer),
    expectedStatus,
  };
}
