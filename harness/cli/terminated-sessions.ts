/**
 * An app whose pg Pool has no 'error' listener throws when PostgreSQL ends one of its idle sessions, as
 * cronstorm does when it resets or drops a scratch database (and as a failover does in production). In
 * shared mode that app runs in cronstorm's process, so the throw would end the run before its verdicts.
 * Those errors (SQLSTATE 57P01, admin_shutdown) are ridden out with one warning that names the finding;
 * anything else that escapes is cronstorm breaking.
 */
export function rideOutTerminatedSessions(onOther: (error: unknown) => void): void {
  let warned = false;
  process.on("uncaughtException", (error) => {
    if ((error as { code?: unknown }).code !== "57P01") return onOther(error);
    if (warned) return;
    warned = true;
    // Straight to stderr: console may be captured by the scenario that is running.
    process.stderr.write(
      "cronstorm: the app's database pool threw on a session PostgreSQL ended (57P01, admin_shutdown) and nothing caught it: " +
        "it has no pool.on('error') listener. cronstorm ends sessions when it resets a scratch database; in production a " +
        "failover or idle timeout would crash the instance the same way.\n",
    );
  });
}
