import { fileURLToPath } from "node:url";
import { srcTarget } from "../../target/src-target";
import type { ModuleTarget } from "../../target/target";
import type { CellSpec } from "./cell";

const NO_LOCK_ROUTE = fileURLToPath(new URL("../../target/reference-routes/no-lock-route.ts", import.meta.url));

/**
 * The route a cell drives: the target as it is ("lock on"), or for src/ its route without the lock
 * ("lock off", the baseline the lock is measured against). Another app has no lock-less twin.
 */
export function benchTarget(cell: CellSpec, target: ModuleTarget = srcTarget()): ModuleTarget {
  if (cell.lock === "on") return target;
  if (!target.builtIn) throw new Error(`cronstorm bench: locks: "off" needs a lock-less twin of the route, which only src/ has; bench ${target.name} with locks "on"`);
  return { ...target, name: `${target.name} without the lock`, module: NO_LOCK_ROUTE };
}
