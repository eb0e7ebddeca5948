import { MOCK_OPENAI_KEY, wallSettings, type AppSettings } from "./app-env";
import type { TimeScale } from "../time-scale";
import type { Target } from "./target";

/**
 * The env one scenario hands the app, under the names the target declares: its run settings (compressed
 * by the time scale), its database, its cron secret (unset for the "secret unset" case) and, when the
 * app runs in another process, the OpenAI bridge's base URL. For src/ this is exactly `appEnv`.
 */
export function targetEnv(target: Target, settings: AppSettings, scale: TimeScale, openaiBaseUrl?: string): Record<string, string | undefined> {
  return {
    ...target.appEnv(wallSettings(settings, scale)),
    OPENAI_API_KEY: MOCK_OPENAI_KEY,
    [target.env.openaiBaseUrl]: openaiBaseUrl,
    [target.env.databaseUrl]: settings.databaseUrl,
    [target.env.cronSecret]: settings.auth === "unset-secret-bearer-undefined" ? undefined : settings.cronSecret,
  };
}
