import pg from "pg";

/**
 * Hands a connected client to `fn` and always closes it (graphile-worker's withPgClient). The harness's
 * own sessions can be ended under them: Ctrl-C's cleanup drops the scratch databases `with (force)` while
 * a scenario still holds its observer. A pg Client with no 'error' listener turns that into an uncaught
 * exception that decides the process's exit code (1 instead of 130); with one, the lost session only
 * fails the queries still made on it, where the scenario reports it.
 */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "cronstorm-harness" });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
