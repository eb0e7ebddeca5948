import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { configTemplate } from "../init/config-template";
import { detectSettings } from "../init/detect-settings";
import { findCronRoutes } from "../init/find-routes";
import { appModules } from "../init/module-graph";
import { CONFIG_FILE } from "../target/load-target";
import { EXIT } from "./exit-codes";

export const INIT_HELP = `Usage: cronstorm init [--route <path>]

Writes ${CONFIG_FILE} in the current directory for the cron route found under app/api/cron/*/route.ts
(or src/app/...), reading its lock key, cron secret and database env names from the route and the
modules it imports (tsconfig \`paths\` such as @/lib/db included). Refuses to overwrite an existing file.
  --route <path>   the route module, when there is more than one cron route`;

/** `cronstorm init`: detects what it can, asks for nothing it detected, never overwrites. */
export async function initMain(argv: string[], root = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { route: { type: "string" }, help: { type: "boolean", default: false } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`cronstorm init: ${(error as Error).message}. Run \`cronstorm init --help\`.`);
    return EXIT.badInput;
  }
  if (values.help) return void console.info(INIT_HELP), EXIT.pass;
  const target = join(root, CONFIG_FILE);
  if (existsSync(target)) {
    console.error(`cronstorm init: ${target} already exists; cronstorm never overwrites it. Delete or rename it to write a new one.`);
    return EXIT.badInput;
  }
  const route = chooseRoute(root, values.route);
  if ("error" in route) return void console.error(route.error), EXIT.badInput;
  const modules = appModules(resolve(root, route.path), root);
  const prismaSchema = ["prisma/schema.prisma", "schema.prisma"].map((p) => join(root, p)).filter(existsSync);
  const found = detectSettings(modules, root, prismaSchema.map((file) => ({ file, text: readFileSync(file, "utf8") })));
  writeFileSync(target, configTemplate(route.path, `${basename(root)} ${basename(dirname(route.path))}`, found), { flag: "wx" });
  console.info(`cronstorm init: wrote ${CONFIG_FILE} for ${route.path}`);
  console.info(`  lock key ${found.lockKey ? `${found.lockKey.source} (from ${found.lockKey.from})` : "NOT FOUND: fill in lockKey"}, secret ${found.cronSecretEnv.name}, database ${found.databaseUrlEnv.name}`);
  console.info(`Next: npx cronstorm run`);
  return found.lockKey ? EXIT.pass : EXIT.verdictFailed;
}

function chooseRoute(root: string, flag: string | undefined): { path: string } | { error: string } {
  if (flag !== undefined) {
    const file = resolve(root, flag);
    if (!existsSync(file) || !statSync(file).isFile()) return { error: `cronstorm init: --route ${flag}: no such file (a route module such as app/api/cron/jobs/route.ts, under ${root})` };
    return { path: relative(root, file) };
  }
  const routes = findCronRoutes(root);
  if (routes.length === 1) return { path: routes[0] as string };
  if (routes.length === 0) return { error: `cronstorm init: no cron route found under ${root} (looked for app/api/cron/*/route.ts and src/app/api/cron/*/route.ts); pass --route <path>` };
  return { error: `cronstorm init: ${routes.length} cron routes found; choose one with --route:\n${routes.map((r) => `  --route ${r}`).join("\n")}` };
}
