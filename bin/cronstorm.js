#!/usr/bin/env node
// The published entry point runs on plain Node >= 20: cronstorm ships its TypeScript with a loader (tsx, a
// dependency), which also loads the user's cronstorm.config.ts and route modules with their tsconfig's
// `paths` (`@/lib/db`). Child processes (isolated instances, the database supervisor) inherit the tsconfig
// through TSX_TSCONFIG_PATH.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
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

const tsconfig = process.env.TSX_TSCONFIG_PATH || nearestTsconfig(process.cwd());
if (tsconfig) process.env.TSX_TSCONFIG_PATH = tsconfig;
register(tsconfig ? { tsconfig } : {});
// Apps without "type": "module" (most Next.js apps) are CommonJS to Node: their .ts files load through require.
registerCjs();
const { runCli } = await import("../harness/cli/cronstorm.ts");
runCli(process.argv.slice(2));
