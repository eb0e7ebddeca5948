import { configDefaults, defineConfig } from "vitest/config";

const onCi = process.env.CI === "true";
/** The gate's own tests plant failing files to prove the exit code; only their inner runs include them. */
const planted = process.env.CRONSTORM_RUN_PLANTED === "1" ? [] : ["**/*.planted.test.ts"];
/** Where CI's JUnit report goes; the tests of the gate point their inner runs elsewhere. */
export const JUNIT_FILE = process.env.CRONSTORM_JUNIT_FILE ?? "reports/junit.xml";

export default defineConfig({
  test: {
    include: ["scenarios/**/*.test.ts", "harness/**/*.test.ts", "src/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...planted],
    globalSetup: ["harness/vitest/global-setup.ts"],
    // Scenarios measure time; running files one after another keeps one file's load out of another's
    // margins on a 2-core machine. Each file still gets its own databases.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Expected faults make the app log errors; show logs only for tests that fail.
    silent: "passed-only",
    // verbose prints each scenario and the reason behind every skip.
    reporters: onCi ? ["verbose", ["junit", { outputFile: JUNIT_FILE }]] : ["verbose"],
  },
});
