import { afterAll, beforeAll } from "vitest";
import type { HarnessContext } from "../context";
import type { ScratchDatabases } from "../db/scratch";
import { loadTarget } from "../target/load-target";
import type { ModuleTarget } from "../target/target";
import { targetScratch } from "../target/target-scratch";

/**
 * Loads a module target's cronstorm.config.ts for a test file, with a template of its schema, and drops
 * that template after the file. Read `target` and `scratch` inside tests (they are set by beforeAll).
 */
export function useModuleTarget(config: string, context: HarnessContext): { readonly target: ModuleTarget; readonly scratch: ScratchDatabases } {
  let target: ModuleTarget | undefined;
  let scratch: ScratchDatabases | undefined;
  let close = async () => {};
  beforeAll(async () => {
    const loaded = await loadTarget(config);
    if (loaded.kind !== "module") throw new Error(`${config} is not a module target`);
    target = loaded;
    const own = await targetScratch(context.scratch, loaded);
    scratch = own.scratch;
    close = () => own.close();
  });
  afterAll(() => close());
  return {
    get target() {
      if (!target) throw new Error("the target is loaded in beforeAll");
      return target;
    },
    get scratch() {
      if (!scratch) throw new Error("the target's scratch databases are prepared in beforeAll");
      return scratch;
    },
  };
}
