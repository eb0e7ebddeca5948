import { srcTarget } from "../target/src-target";
import type { ModuleTarget } from "../target/target";
import type { ChaosSpec } from "./spec";

/** src/'s target, or the entry's alternative route module, with the entry's pool size and extra env. */
export function catalogTarget(spec: ChaosSpec): ModuleTarget {
  const src = srcTarget();
  const extraEnv = { DATABASE_POOL_MAX: String(spec.poolMax ?? 4), ...spec.target?.env };
  return {
    ...src,
    name: spec.target?.label ?? src.name,
    module: spec.target?.module ?? src.module,
    appEnv: (settings) => ({ ...src.appEnv(settings), ...extraEnv }),
  };
}
