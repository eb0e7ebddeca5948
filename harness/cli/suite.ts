import type { HarnessContext } from "../context";
import { baseSeedFromEnv } from "../trial/seeds";
import { openDatabaseSession, timeScaleFromEnv } from "../session";
import type { Stage } from "../target/stage";
import { openTargetSession } from "../target/target-session";
import { TimeScale } from "../time-scale";
import type { ChaosArgs } from "./args";
import { onInterrupt } from "./interrupt";
import type { TargetRun } from "./target-run";

/** Seed and scale from flags, else env, else defaults; throws with the field named on bad input. */
export function resolveSettings(args: ChaosArgs): { baseSeed: number; scale: TimeScale } {
  return {
    baseSeed: args.seed ?? baseSeedFromEnv(),
    scale: args.scale ? new TimeScale(args.scale) : timeScaleFromEnv(),
  };
}

function harnessContext(args: ChaosArgs, settings: { baseSeed: number; scale: TimeScale }, scratch: HarnessContext["scratch"]): HarnessContext {
  return {
    scratch,
    scale: settings.scale,
    baseSeed: settings.baseSeed,
    keepFailedDatabases: args.keepDb || process.env.CRONSTORM_KEEP_DB === "1",
  };
}

/** Opens PostgreSQL, runs `body` with a harness context, and always closes it (Ctrl-C included). */
export async function withHarness<T>(
  args: ChaosArgs,
  settings: { baseSeed: number; scale: TimeScale },
  body: (context: HarnessContext, serverKind: string) => Promise<T>,
): Promise<T> {
  const session = await openDatabaseSession();
  const stopWatching = onInterrupt(() => session.close());
  try {
    return await body(harnessContext(args, settings, session.scratch), session.server.kind);
  } finally {
    stopWatching();
    await session.close();
  }
}

/** Like withHarness, for the app `run` names: its database side, its stage, always closed (Ctrl-C included). */
export async function withTargetHarness<T>(
  args: ChaosArgs,
  settings: { baseSeed: number; scale: TimeScale },
  run: TargetRun,
  body: (context: HarnessContext, stage: Stage, serverKind: string) => Promise<T>,
): Promise<T> {
  const mode = run.mode === "isolated" ? "isolated" : "shared";
  const session = await openTargetSession(run.target, mode, run.http);
  const stopWatching = onInterrupt(() => session.close());
  try {
    return await body(harnessContext(args, settings, session.scratch), session.stage, session.server.kind);
  } finally {
    stopWatching();
    await session.close();
  }
}
