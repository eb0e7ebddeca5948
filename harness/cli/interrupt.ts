/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: stop the database and remove its files before exiting, so
 * no postgres process or temp directory outlives the command. Returns the function that stops watching.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    console.error(`\ncronstorm: ${signal} received, cleaning up…`);
    void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
