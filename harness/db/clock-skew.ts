import type pg from "pg";

/**
 * How far the database's clock may be from this process's, in wall ms: the offset seen in the quickest
 * of a few round trips, plus half that round trip. Near 0 for a server on this machine.
 */
export async function databaseClockSkew(client: pg.Client, samples = 3): Promise<number> {
  let best: { offset: number; roundTrip: number } | undefined;
  for (let i = 0; i < samples; i += 1) {
    const before = Date.now();
    const { rows } = await client.query<{ now: string }>("select (extract(epoch from clock_timestamp()) * 1000)::float8::text as now");
    const after = Date.now();
    const roundTrip = after - before;
    const offset = Number(rows[0]?.now) - (before + after) / 2;
    if (!best || roundTrip < best.roundTrip) best = { offset, roundTrip };
  }
  return best ? Math.abs(best.offset) + best.roundTrip / 2 : 0;
}
