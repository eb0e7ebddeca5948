import { defineConfig } from "vitest/config";

const onCi = process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["scenarios/**/*.test.ts", "harness/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["harness/vitest/global-setup.ts"],
    // Scenarios measure time; running files one after another keeps one file's load out of another's
    // margins on a 2-core machine. Each file still gets its own databases.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Expected faults make the app log errors; show logs only for tests that fail.
    silent: "passed-only",
    // verbose prints each scenario and the reason behind every skip.
    reporters: onCi ? ["verbose", ["junit", { outputFile: "reports/junit.xml" }]] : ["verbose"],
  },
});
