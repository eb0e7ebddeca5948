import { CATALOG } from "../../scenarios/catalog";
import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { CHAOS_HELP, parseChaosArgs } from "./args";
import { runCatalogSuite } from "./run-catalog";
import { runScenarioSuite } from "./run-scenarios";
import { resolveTargetRun, type TargetRun } from "./target-run";
import { catalogUnavailable, scenarioUnavailable } from "../target/availability";

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
    const stageLike = { target: run.target, env: run.mode === "http" ? ({ kind: "fixed", settings: undefined } as const) : ({ kind: "per-scenario" } as const) };
    const note = (why: string | undefined) => (why ? ` [unavailable for ${run.target.name}: ${why}]` : "");
    const listed = args.catalog
      ? CATALOG.map((s) => [s.name, `${s.fault.name}: ${s.fault.models}${note(catalogUnavailable(s, run.target))}`])
      : DEFAULT_SCENARIOS.map((s) => [s.name, `${s.proves}${note(scenarioUnavailable(s, stageLike))}`]);
    for (const [name, what] of listed) console.info(`${(name ?? "").padEnd(32)} ${what}`);
    return 0;
  }
  return args.catalog ? runCatalogSuite(args, run) : runScenarioSuite(args, run);
}
