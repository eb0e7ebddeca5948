import type { CleanupStack } from "../../cleanup-stack";
import { pgbouncerAvailable, startPgBouncer, type PgBouncer } from "../../db/pgbouncer";

/**
 * Starts a real PgBouncer (transaction mode, `poolSize` server connections) in front of the scenario's server
 * and registers its stop. In CI (CI=true) a missing binary is an error, never a silent skip.
 */
export async function withPgBouncer(upstreamUrl: string, cleanup: CleanupStack, poolSize: number): Promise<PgBouncer> {
  const available = pgbouncerAvailable();
  if (!available.available) throw new Error(`cronstorm: this scenario needs PgBouncer: ${available.reason}`);
  const bouncer = await startPgBouncer({ upstreamUrl, poolSize });
  cleanup.defer(() => bouncer.stop());
  return bouncer;
}
