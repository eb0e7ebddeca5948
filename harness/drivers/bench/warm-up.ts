import { History } from "../../history";
import type { AppInstance } from "../../target/instances/app-instance";
import { invokeOnce } from "../../invoker";

/**
 * One invocation on the empty queue before the window opens, outside the cell's history: it pays the
 * first-call costs (pool, client, JIT), which at ×120 would otherwise delay tick 0's run by seconds of
 * production time and can make it miss the next tick.
 */
export async function warmUp(instance: AppInstance, request: Request): Promise<void> {
  const warm = await invokeOnce(instance, request, -1, new History());
  if (warm.status !== 200) {
    throw new Error(`cronstorm bench: the warm-up invocation answered ${warm.status ?? warm.error}; the route is not working, so no cell can run`);
  }
}
