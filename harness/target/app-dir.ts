import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_APP_DIR = fileURLToPath(new URL("../../src/", import.meta.url));

/**
 * CRONSTORM_APP_DIR: the application slice under test (default: this repo's src/). The self-test points
 * it at patched copies of src/ (known-bad variants) and runs the same suite against them.
 */
export function appDir(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.CRONSTORM_APP_DIR?.trim();
  if (!chosen) return DEFAULT_APP_DIR;
  const dir = isAbsolute(chosen) ? chosen : resolve(chosen);
  if (!existsSync(join(dir, "app", "api", "cron"))) {
    throw new Error(`cronstorm: CRONSTORM_APP_DIR=${chosen} has no app/api/cron/ routes; point it at a copy of src/`);
  }
  return dir;
}

/** A file of the app slice under test, by its path inside src/. */
export const appFile = (relative: string) => join(appDir(), relative);
