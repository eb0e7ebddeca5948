import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A test file planted where the project's vitest config includes tests (`*.planted.test.ts` is excluded
 * unless CRONSTORM_RUN_PLANTED=1, so a file left behind by a killed run never reaches the real gate).
 * Returns its path relative to the project root and the function that removes it.
 */
export async function plantTest(body: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const file = join(PROJECT_ROOT, "harness", "vitest", `gate-${process.pid}-${randomBytes(3).toString("hex")}.planted.test.ts`);
  await writeFile(file, `import { expect, it } from "vitest";\n${body}\n`);
  return { path: relative(PROJECT_ROOT, file), remove: () => rm(file, { force: true }) };
}

export const FAILING_TEST = `it("was planted to fail", () => { expect("the gate").toBe("able to fail"); });`;
export const PASSING_TEST = `it("was planted to pass", () => { expect(1 + 1).toBe(2); });`;
