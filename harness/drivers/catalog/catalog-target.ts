import { srcTarget } from "../../target/src-target";
import type { Target } from "../../target/target";
import type { ChaosSpec } from "./spec";

/**
 * The route an entry drives. On src/: src/'s route, or the entry's alternative route module, with the
 * entry's pool size and extra env (src/'s names). On another module target: its own route and env as
 * they are (the harness cannot size another app's pool).
 */
export function catalogTarget(spec: ChaosSpec, target: Target = srcTarget()): Target {
  if (!target.builtIn || target.kind !== "module") return target;
  const extraEnv = { DATABASE_POOL_MAX: String(spec.poolMax ?? 4), ...spec.target?.env };
  return {
    ...target,
    name: spec.target?.label ?? target.name,
    module: spec.target?.module ?? target.module,
    appEnv: (settings) => ({ ...target.appEnv(settings), ...extraEnv }),
  };
}
