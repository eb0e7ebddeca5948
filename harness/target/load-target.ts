import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { packageRoot } from "../api/package-root";
import { pathToFileURL } from "node:url";
import { ROUTES } from "./routes";
import type { Target } from "./target";
import { TargetConfigError, validateTarget } from "./validate-target";

export const CONFIG_FILE = "cronstorm.config.ts";

/**
 * What runs when no --target is given: ./cronstorm.config.ts when the working directory has one (an app
 * that ran `cronstorm init`); the built-in reference app src/ only inside cronstorm's own checkout. An
 * installed cronstorm started in the wrong directory must not quietly judge its own demo app and pass.
 */
export function defaultTargetArg(cwd = process.cwd()): string | undefined {
  if (existsSync(join(cwd, CONFIG_FILE))) return CONFIG_FILE;
  const rel = relative(packageRoot(), resolve(cwd));
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) return undefined;
  throw new TargetConfigError(`cronstorm: no ${CONFIG_FILE} in ${cwd}: run \`npx cronstorm init\` there to write one, or pass --target <a ${CONFIG_FILE}, its folder, or a running app's cron route URL>. Nothing was started.`);
}

/**
 * `--target <arg>`: a cronstorm.config.ts (or a directory holding one), or the URL of a running app whose
 * route is src/'s (its lock key, CRON_SECRET and jobs tables). Throws TargetConfigError, naming what is
 * wrong, before anything starts.
 */
export async function loadTarget(arg: string, cwd = process.cwd()): Promise<Target> {
  if (/^https?:\/\//i.test(arg)) {
    const route = ROUTES["background-jobs"];
    return validateTarget({ name: `src at ${arg}`, url: arg, lockKey: route.lockKey, cronSecretEnv: "CRON_SECRET" }, arg, cwd);
  }
  let file = resolve(cwd, arg);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, CONFIG_FILE);
  if (!existsSync(file)) {
    throw new TargetConfigError(`cronstorm: --target ${arg}: no such file ${file}; pass a ${CONFIG_FILE}, a directory holding one, or the http(s) URL of a running app's cron route`);
  }
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new TargetConfigError(`cronstorm: cannot load target config ${file}: ${(error as Error).message}`, { cause: error });
  }
  return validateTarget(configOf(loaded), relative(cwd, file) || file, dirname(file));
}

/** The default export; a config in a CommonJS app (no "type": "module") arrives wrapped once more by the interop. */
function configOf(loaded: { default?: unknown }): unknown {
  const value = loaded.default;
  const wrapped = typeof value === "object" && value !== null && "__esModule" in value && "default" in value;
  return wrapped ? (value as { default: unknown }).default : value;
}
