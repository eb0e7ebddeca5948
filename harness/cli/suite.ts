import type { HarnessContext } from "../context";
import { baseSeedFromEnv } from "../scenario/seeds";
import { openDatabaseSession, timeScaleFromEnv } from "../session";
import { TimeScale } from "../time-scale";
import type { ChaosArgs } from "./args";
import { onInterrupt } from "./interrupt";

/** Seed and scale from flags, else env, else defaults; throws with the field named on bad input. */
export function resolveSettings(args: ChaosArgs): { baseSeed: number; scale: TimeScale } {
  return {
    baseSeed: args.seed ?? baseSeedFromEnv(),
    scale: args.scale ? new TimeScale(args.scale) : timeScaleFromEnv(),
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
    const context: HarnessContext = {
      scratch: session.scratch,
      scale: settings.scale,
      baseSeed: settings.baseSeed,
      keepFailedDatabases: args.keepDb || process.env.CRONSTORM_KEEP_DB === "1",
    };
    return await body(context, session.server.kind);
  } finally {
    stopWatching();
    await session.close();
  }
}
