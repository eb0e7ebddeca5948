import { join, relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { type BudgetOrder, orderByBudget, readBudget } from "./budget-order.ts";

/** vitest's sequencer, ordering files by test-budget.json (see orderByBudget); set in vitest.config.ts. */
export function budgetSequencer(order: BudgetOrder) {
  return class BudgetSequencer extends BaseSequencer {
    override sort(specs: TestSpecification[]): Promise<TestSpecification[]> {
      const root = this.ctx.config.root;
      const budget = readBudget(join(root, "test-budget.json"));
      const byFile = new Map(specs.map((spec) => [relative(root, spec.moduleId), spec]));
      return Promise.resolve(orderByBudget([...byFile.keys()], budget, order).flatMap((file) => byFile.get(file) ?? []));
    }
  };
}
