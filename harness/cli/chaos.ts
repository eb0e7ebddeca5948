import { CATALOG } from "../../scenarios/catalog";
import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { CHAOS_HELP, parseChaosArgs } from "./args";
import { runCatalogSuite } from "./run-catalog";
import { runScenarioSuite } from "./run-scenarios";

async function main(): Promise<number> {
  let args;
  try {
    args = parseChaosArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.help) return void console.info(CHAOS_HELP), 0;
  if (args.list) {
    const listed = args.catalog ? CATALOG.map((s) => [s.name, `${s.fault.name}: ${s.fault.models}`]) : DEFAULT_SCENARIOS.map((s) => [s.name, s.proves]);
    for (const [name, what] of listed) console.info(`${(name ?? "").padEnd(32)} ${what}`);
    return 0;
  }
  return args.catalog ? runCatalogSuite(args) : runScenarioSuite(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
