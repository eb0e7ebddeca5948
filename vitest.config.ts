import { defineConfig } from "vitest/config";

const onCi = process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["scenarios/**/*.test.ts", "harness/**/*.test.ts"],
    globalSetup: ["harness/vitest/global-setup.ts"],
    // Scenarios measure time; running files one after another keeps one file's load out of another's
    // margins on a 2-core machine. Each file still gets its own databases.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: onCi ? ["default", ["junit", { outputFile: "reports/junit.xml" }]] : ["default"],
  },
});
