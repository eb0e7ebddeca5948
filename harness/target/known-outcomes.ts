import { CATALOG } from "../../scenarios/catalog";
import { CHECK_NAMES, type CheckName } from "../checks/registry";

/** A catalog entry the app is known not to survive: why, and the checks that may catch it (at least one, no other). */
export interface KnownBreak {
  why: string;
  caughtBy: CheckName[];
  /** It breaks on some draws only (timing decides): surviving is then as expected too. */
  intermittent?: boolean;
}

/**
 * What a team has accepted about its app in the fault catalog (k6's thresholds, for faults):
 * `knownBreaks`, entries `src/` survives that this app does not, each with why and the checks that
 * may catch it (at least one must, and no other may); `knownSurvives`, entries no session lock survives that this app does (a
 * transaction-scoped lock behind PgBouncer), with why. The catalog expects exactly that, so the gate stays
 * green on what was accepted and fails on anything new: another invariant failing, or a declared break
 * that stopped breaking.
 */
export interface KnownOutcomes {
  knownBreaks: Record<string, KnownBreak>;
  knownSurvives: Record<string, string>;
}

/** What a target's config has accepted about one catalog entry, or undefined. */
export function knownOutcome(outcomes: KnownOutcomes, entry: string): { expect: "breaks" | "survives"; why: string; caughtBy?: CheckName[]; intermittent?: boolean } | undefined {
  const brk = outcomes.knownBreaks[entry];
  if (brk) return { expect: "breaks", why: brk.why, caughtBy: brk.caughtBy, intermittent: brk.intermittent };
  const survives = outcomes.knownSurvives[entry];
  return survives ? { expect: "survives", why: survives } : undefined;
}

type Problem = (field: string, message: string, ...got: [unknown?]) => void;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

export function validateKnownBreaks(value: unknown, problem: Problem): void {
  if (!isPlainObject(value)) return problem("knownBreaks", 'must be an object: { "<catalog entry>": { why: "…", caughtBy: ["<check>", …] } }', value);
  for (const [name, declared] of Object.entries(value)) {
    const field = `knownBreaks.${name}`;
    const spec = CATALOG.find((s) => s.name === name);
    if (!spec) {
      problem(field, `is not a catalog entry; accepted: ${CATALOG.map((s) => s.name).join(", ")}`);
      continue;
    }
    if (spec.expect === "breaks") problem(field, `${name} is expected to break already (see knownSurvives for the opposite)`);
    if (!isPlainObject(declared)) {
      problem(field, 'must be { why: "why the app does not survive it", caughtBy: ["<check>", …] }', declared);
      continue;
    }
    if (declared.intermittent !== undefined && typeof declared.intermittent !== "boolean") problem(`${field}.intermittent`, "must be true or false", declared.intermittent);
    if (typeof declared.why !== "string" || declared.why.trim() === "") problem(`${field}.why`, "must say why the app does not survive it (a non-empty string)", declared.why);
    const caughtBy = declared.caughtBy;
    if (!Array.isArray(caughtBy) || caughtBy.length === 0) {
      problem(`${field}.caughtBy`, `must list the checks that catch it, from the entry's: ${spec.checks.join(", ")}`, caughtBy);
      continue;
    }
    for (const check of caughtBy) {
      if (!CHECK_NAMES.includes(check as CheckName) || !spec.checks.includes(check as CheckName)) {
        problem(`${field}.caughtBy`, `${JSON.stringify(check)} is not one of the entry's checks: ${spec.checks.join(", ")}`);
      }
    }
  }
}

export function validateKnownSurvives(value: unknown, problem: Problem): void {
  if (!isPlainObject(value)) return problem("knownSurvives", 'must be an object: { "<catalog entry>": "why the app survives it" }', value);
  for (const [name, why] of Object.entries(value)) {
    const field = `knownSurvives.${name}`;
    const spec = CATALOG.find((s) => s.name === name);
    if (!spec) problem(field, `is not a catalog entry that breaks every session lock; accepted: ${CATALOG.filter((s) => s.expect === "breaks").map((s) => s.name).join(", ")}`);
    else if (spec.expect === "survives") problem(field, `every correct lock survives ${name} already; nothing to declare`);
    else if (typeof why !== "string" || why.trim() === "") problem(field, "must say why the app survives it (a non-empty string)", why);
  }
}
