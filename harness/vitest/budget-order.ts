import { readFileSync } from "node:fs";
import type { TestBudget } from "../ci/test-budget.ts";

export type BudgetOrder = "longest-first" | "cheapest-first";

/**
 * Test files in the order their times in test-budget.json call for. `longest-first` is for the gate: with
 * files running a few at a time, the last to start is a short one, so no long file runs alone at the end.
 * `cheapest-first` is for the self-test: a variant is caught by its first failing test and its run
 * stops there, so the quick files go first. A file with no budget yet counts as the median file.
 */
export function orderByBudget(files: readonly string[], budget: TestBudget["files"], order: BudgetOrder): string[] {
  const known = Object.values(budget).sort((a, b) => a - b);
  const median = known[Math.floor(known.length / 2)] ?? 0;
  const cost = (file: string) => budget[file] ?? median;
  const sign = order === "longest-first" ? -1 : 1;
  // Ties keep a fixed order (by name), so two runs with the same budget start files in the same order.
  return [...files].sort((a, b) => sign * (cost(a) - cost(b)) || a.localeCompare(b));
}

export function readBudget(path: string): TestBudget["files"] {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as TestBudget).files;
  } catch {
    return {};
  }
}
