import type pg from "pg";

/** Jobs not yet terminal (pending or processing): the backlog. */
export async function openJobCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from background_jobs where status in ('pending', 'processing')`);
  return rows[0]?.n ?? 0;
}
