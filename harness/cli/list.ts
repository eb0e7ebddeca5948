import { writeFile } from "node:fs/promises";
import { CATALOG } from "../../scenarios/catalog";
import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { catalogUnavailable, scenarioUnavailable } from "../target/availability";
import type { TargetRun } from "./target-run";

/** One line of `cronstorm list`: a scenario or catalog entry, what it proves, and why this target cannot run it. */
export interface ListedEntry {
  name: string;
  what: string;
  /** Catalog entries: whether a correct route `survives` the fault or no session lock can (`breaks`). */
  expect?: "survives" | "breaks";
  unavailable?: string;
}

export function listedEntries(run: TargetRun, catalog: boolean): ListedEntry[] {
  if (catalog) {
    return CATALOG.map((s) => withReason({ name: s.name, what: `${s.fault.name}: ${s.fault.models}`, expect: s.expect }, catalogUnavailable(s, run.target)));
  }
  const stageLike = { target: run.target, env: run.mode === "http" ? ({ kind: "fixed", settings: undefined } as const) : ({ kind: "per-scenario" } as const) };
  return DEFAULT_SCENARIOS.map((s) => withReason({ name: s.name, what: s.proves }, scenarioUnavailable(s, stageLike)));
}

const withReason = (entry: ListedEntry, why: string | undefined): ListedEntry => (why ? { ...entry, unavailable: why } : entry);

/**
 * Prints the entries; with `--json <file>` also writes them there, for a CI matrix that runs each entry
 * (or each available one) as its own job with `--only`.
 */
export async function printList(run: TargetRun, catalog: boolean, jsonFile: string | undefined): Promise<void> {
  const entries = listedEntries(run, catalog);
  for (const e of entries) console.info(`${e.name.padEnd(32)} ${e.what}${e.unavailable ? ` [unavailable for ${run.target.name}: ${e.unavailable}]` : ""}`);
  if (jsonFile) {
    // Its own kind, so a program never takes a list for a verdicts file (`--json` of a run).
    const body = { tool: "cronstorm", schemaVersion: 1, kind: catalog ? "catalog-list" : "scenario-list", target: run.target.name, entries };
    await writeFile(jsonFile, `${JSON.stringify(body, null, 2)}\n`);
  }
}
