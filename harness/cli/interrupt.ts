/** Cleanups of the sessions now open: Ctrl-C, SIGTERM and an error that escapes all run them before exiting. */
const open = new Set<() => Promise<void>>();
/** A cleanup that hangs must not keep a broken run alive: past this, exit anyway (the supervisor still stops PostgreSQL). */
const CLEANUP_BOUND_MS = 30_000;

/** Runs every open session's cleanup, bounded in time; resolves when they are done or the bound passed. */
export function cleanUpSessions(): Promise<void> {
  const all = Promise.allSettled([...open].map((cleanup) => cleanup())).then(() => undefined);
  return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_BOUND_MS).unref())]);
}

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: stop the database and remove its files before exiting, so
 * no postgres process or temp directory outlives the command. Returns the function that stops watching.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  open.add(cleanup);
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`\ncronstorm: ${signal} received, cleaning up…\n`);
    void cleanUpSessions().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    open.delete(cleanup);
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
