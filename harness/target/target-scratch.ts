import { ScratchDatabases } from "../db/scratch";
import { srcJobs } from "./adapters";
import type { Target } from "./target";

/**
 * The scratch databases a target's scenarios clone: `src` (the template of src/'s schema) when the target
 * keeps src/'s tables, else a template of its own schema on the same server. `close` drops what it made.
 */
export async function targetScratch(src: ScratchDatabases, target: Target): Promise<{ scratch: ScratchDatabases; close(): Promise<void> }> {
  if (target.jobs === srcJobs) return { scratch: src, close: async () => {} };
  const scratch = await ScratchDatabases.prepare(src.server, undefined, (url) => target.jobs.migrate(url));
  return { scratch, close: () => scratch.dropAll() };
}
