import { CATALOG } from "../../scenarios/catalog";

/**
 * `knownBreaks` in a target config: catalog entries the app is known not to survive, each with why
 * (k6's thresholds, for faults). The catalog then expects those entries to break (the fault fires and an
 * invariant catches it), so the gate stays green on what the team has accepted and fails on anything new,
 * including an entry that stops breaking once fixed.
 */
export function validateKnownBreaks(value: unknown, problem: (field: string, message: string, ...got: [unknown?]) => void): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return problem("knownBreaks", 'must be an object: { "<catalog entry>": "why the app does not survive it" }', value);
  }
  const names = CATALOG.map((s) => s.name);
  for (const [name, why] of Object.entries(value)) {
    if (!names.includes(name)) problem(`knownBreaks.${name}`, `is not a catalog entry; accepted: ${names.join(", ")}`);
    else if (typeof why !== "string" || why.trim() === "") problem(`knownBreaks.${name}`, "must say why the app does not survive it (a non-empty string)", why);
  }
}
