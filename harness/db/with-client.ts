import pg from "pg";

/** Hands a connected client to `fn` and always closes it (graphile-worker's withPgClient). */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "cronstorm-harness" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
