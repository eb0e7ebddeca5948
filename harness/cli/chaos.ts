import { CHAOS_HELP, parseChaosArgs } from "./args";
import { printList } from "./list";
import { runCatalogSuite } from "./run-catalog";
import { runScenarioSuite } from "./run-scenarios";
import { resolveTargetRun, type TargetRun } from "./target-run";

/** `cronstorm run` (and `catalog`, `list`): the scenario suite or the fault catalog on one target; resolves to the exit code. */
export async function chaosMain(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseChaosArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.help) return void console.info(CHAOS_HELP), 0;
  // The target is loaded and checked before anything starts: a bad config or flag exits 2 naming it.
  let run: TargetRun;
  try {
    run = await resolveTargetRun(args);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.list) {
    await printList(run, args.catalog, args.json);
    return 0;
  }
  return args.catalog ? runCatalogSuite(args, run) : runScenarioSuite(args, run);
}
