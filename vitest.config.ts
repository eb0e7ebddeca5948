import { configDefaults, defineConfig } from "vitest/config";
import { budgetSequencer } from "./harness/vitest/budget-sequencer.ts";

const onCi = process.env.CI === "true";
/** The gate's own tests plant failing files to prove the exit code; only their inner runs include them. */
const planted = process.env.CRONSTORM_RUN_PLANTED === "1" ? [] : ["**/*.planted.test.ts"];
/** Where CI's JUnit report goes; the tests of the gate point their inner runs elsewhere. */
export const JUNIT_FILE = process.env.CRONSTORM_JUNIT_FILE ?? "reports/junit.xml";
/** The self-test wants a variant caught, and its run stopped, as early as possible; the gate wants it all done soonest. */
const order = process.env.CRONSTORM_FILE_ORDER === "cheapest-first" ? "cheapest-first" : "longest-first";

export default defineConfig({
  test: {
    include: ["scenarios/**/*.test.ts", "harness/**/*.test.ts", "src/**/*.test.ts"],
    // The package end-to-end test copies scratch-app/ into an app of its own; its test runs there, not here.
    exclude: [...configDefaults.exclude, ...planted, "harness/package/scratch-app/**"],
    globalSetup: ["harness/vitest/global-setup.ts"],
    // Test files run side by side, each in a process of its own (forks): a shared-mode scenario sets the
    // app's env in process.env, which is per process. Most of a file's time is spent waiting on compressed
    // cron ticks and OpenAI latency, so more files than cores overlap well; every timing margin is derived
    // from the time scale (harness/checks/budget.ts), not from an idle machine.
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 3,
    // Files start in the order of their times in test-budget.json (harness/vitest/budget-order.ts), the
    // same in a fresh clone as in a warm one, where vitest's own cache would otherwise decide.
    sequence: { sequencer: budgetSequencer(order) },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Expected faults make the app log errors; show logs only for tests that fail.
    silent: "passed-only",
    // verbose prints each scenario and the reason behind every skip.
    reporters: onCi ? ["verbose", ["junit", { outputFile: JUNIT_FILE }]] : ["verbose"],
  },
});
