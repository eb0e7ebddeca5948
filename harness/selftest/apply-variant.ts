import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Variant } from "./variants";

/**
 * Copies src/ into `workDir` (inside the project, so the copy resolves the project's node_modules) and
 * applies the variant's patches; a patch that no longer applies is an error. Returns the copy's root.
 */
export async function applyVariant(variant: Variant, srcDir: string, workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const root = await mkdtemp(join(workDir, `${variant.name}-`));
  const appDir = join(root, "src");
  await cp(srcDir, appDir, { recursive: true, filter: (path) => !path.endsWith(".test.ts") });
  for (const patch of variant.patches) {
    const file = join(appDir, patch.file);
    const text = await readFile(file, "utf8");
    const count = text.split(patch.find).length - 1;
    if (count !== 1) {
      throw new Error(`cronstorm: variant "${variant.name}" no longer applies: ${patch.file} contains its target ${count} times (expected once). Update harness/selftest/variants.ts to match src/.`);
    }
    await writeFile(file, text.replace(patch.find, patch.replace));
  }
  return root;
}
