import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * Stryker stops a mutant's run at the first failing test (bail), so the fast, focused unit tests under
 * src/ go first and the scenarios after them, shortest first. Vitest's default runs the longest first.
 */
const ORDER = ["src/", "scenarios/auth", "scenarios/lock-keys", "scenarios/exceptions", "scenarios/burst", "scenarios/slow-openai"];
class FastestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const path = relative(file.project.config.root, file.moduleId);
      const index = ORDER.findIndex((prefix) => path.startsWith(prefix));
      return index === -1 ? ORDER.length : index;
    };
    return Promise.resolve([...files].sort((a, b) => rank(a) - rank(b)));
  }
}

/**
 * The tests Stryker runs against each mutant of src/ (`npm run mutation`, stryker.config.json): only the
 * in-process ones that drive the lock, route and runner code. The fault catalog is left out: its isolated
 * instances are child processes, which report no coverage to Stryker, and it is the slow part of the
 * suite. The bench, report and self-test tests do not exercise src/ at all.
 */
export default defineConfig({
  test: {
    include: [
      "scenarios/burst.test.ts",
      "scenarios/exceptions.test.ts",
      "scenarios/auth.test.ts",
      "scenarios/slow-openai.test.ts",
      "scenarios/lock-keys.test.ts",
      "src/**/*.test.ts",
    ],
    // The same embedded PostgreSQL and migrated template as `npm test`, started once per Stryker worker.
    globalSetup: ["harness/vitest/global-setup.ts"],
    fileParallelism: false,
    sequence: { sequencer: FastestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    silent: "passed-only",
  },
});
