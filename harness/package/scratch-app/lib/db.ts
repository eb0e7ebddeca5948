import { Pool } from "pg";

// Built at import time, as most apps do: one pool per server instance.
// Each invocation holds one session for its lock while its runner queries through others: room for a burst.
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
