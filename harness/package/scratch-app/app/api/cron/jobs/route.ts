import { pool } from "@/lib/db";
import { processBackgroundJobs } from "@/lib/jobs";

export const maxDuration = 800;
export const dynamic = "force-dynamic";

const LOCK_KEY = "63063063063";

export async function GET(request: Request): Promise<Response> {
  if (request.headers.get("authorization") !== `Bearer ${process.env.CRON_SECRET}` || !process.env.CRON_SECRET) {
    return Response.json({ success: false, error: "unauthorized" }, { status: 401 });
  }
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ acquired: boolean }>("select pg_try_advisory_lock($1) as acquired", [LOCK_KEY]);
    if (!rows[0]?.acquired) return Response.json({ success: true, skipped: true, reason: "locked", timestamp: new Date().toISOString() });
    try {
      const result = await processBackgroundJobs();
      return Response.json({ success: true, ...result, timestamp: new Date().toISOString() });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } catch (error) {
    // The details go to the logs; the answer says only that the run failed (no SQL, no secrets).
    console.error("cron jobs failed", error);
    return Response.json({ success: false, error: "background jobs failed" }, { status: 500 });
  } finally {
    client.release();
  }
}
