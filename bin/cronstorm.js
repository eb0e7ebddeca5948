#!/usr/bin/env node
// The published entry point runs on plain Node >= 20: cronstorm ships its TypeScript with a loader (tsx, a
// dependency), which also loads the user's cronstorm.config.ts and route modules with their tsconfig's
// `paths` (`@/lib/db`). Child processes (isolated instances, the database supervisor) inherit the tsconfig
// through TSX_TSCONFIG_PATH.
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

/** @param {string} from @returns {string | undefined} */
function nearestTsconfig(from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The folder the app under test lives in: --target's (a config file or its folder), else the working directory. */
function appDir(argv = process.argv.slice(2)) {
  const at = argv.findIndex((a) => a === "--target" || a.startsWith("--target="));
  const value = at < 0 ? undefined : argv[at].startsWith("--target=") ? argv[at].slice("--target=".length) : argv[at + 1];
  if (!value || /^https?:\/\//i.test(value)) return process.cwd();
  const path = resolve(value);
  return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
}

// The app's own tsconfig (a monorepo's apps/web/tsconfig.json for --target apps/web), unless the user names one.
const tsconfig = process.env.CRONSTORM_TSCONFIG || nearestTsconfig(appDir());
if (tsconfig) process.env.TSX_TSCONFIG_PATH = tsconfig;
else delete process.env.TSX_TSCONFIG_PATH;
register(tsconfig ? { tsconfig } : {});
// Apps without "type": "module" (most Next.js apps) are CommonJS to Node: their .ts files load through require.
registerCjs();
const { runCli } = await import("../harness/cli/cronstorm.ts");
runCli(process.argv.slice(2));
