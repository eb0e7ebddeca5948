import type { DetectedSettings } from "./detect-settings";

/** The cronstorm.config.ts `init` writes: every detected value with where it came from, every default explained. */
export function configTemplate(route: string, name: string, found: DetectedSettings): string {
  const lockKey = found.lockKey
    ? `  // Read from ${found.lockKey.from}${found.transactionLock ? " (the code also takes pg_try_advisory_xact_lock: same key, either form is judged)" : ""}.\n  lockKey: ${found.lockKey.source},`
    : `  // TODO: the advisory lock key your route takes; no pg_try_advisory_lock call was found in the route or its imports.\n  // Accepted: 63063063063n, "63063063063", [7, 42] or { hashtext: "cron:jobs" }.\n  lockKey: "REPLACE_WITH_YOUR_LOCK_KEY",`;
  const origin = (f: { from?: string }) => (f.from ? `read from ${f.from}` : "not found in the route's imports; the default");
  return `import { defineTarget } from "cronstorm";

/**
 * What cronstorm runs against: your cron route, called as Vercel calls it, on a scratch PostgreSQL
 * database per scenario (embedded; set CRONSTORM_DB=url and DATABASE_URL to use your own server, where
 * cronstorm creates and drops only its own scratch databases). Written by \`npx cronstorm init\`.
 * Every field: node_modules/cronstorm/docs/targets.md
 */
export default defineTarget({
  name: ${JSON.stringify(name)},
  module: ${JSON.stringify(`./${route}`)},
${lockKey}
  // The env var your route checks the \`Authorization: Bearer …\` header against (${origin(found.cronSecretEnv)}).
  cronSecretEnv: ${JSON.stringify(found.cronSecretEnv.name)},
  // The env var your database client reads (${origin(found.databaseUrlEnv)}); cronstorm points it at a scratch database.
  databaseUrlEnv: ${JSON.stringify(found.databaseUrlEnv.name)},
  // The env var your OpenAI client's base URL comes from (${origin(found.openaiBaseUrlEnv)}; the SDK reads
  // OPENAI_BASE_URL itself): cronstorm points it at a mock (msw) with seeded latencies and faults.
  openaiBaseUrlEnv: ${JSON.stringify(found.openaiBaseUrlEnv.name)},
${found.phase94cEnv ? "  // Your runner reads phase 94c's env names (BACKGROUND_JOB_CRON_TIME_BUDGET_MS, …): the default appEnv fits.\n" : "  // Your runner's settings: map cronstorm's (already in wall milliseconds) onto your env names, e.g.\n  // appEnv: (s) => ({ MY_BUDGET_MS: String(s.budgetMs), MY_SAFETY_MS: String(s.safetyBufferMs) }),\n"}${found.phase94cTables ? "  // Your SQL uses phase 94c's tables (background_jobs, background_job_attempts, background_job_runs): the default jobs adapter fits.\n" : "  // Your jobs live in your own tables: give cronstorm an adapter to migrate, seed and read them (docs/targets.md).\n  // jobs: myJobsAdapter,\n"}  // A client built at import time needs nothing more: each scenario re-creates the one database's content.
  // resetModuleState: async () => pool.end(),  // a database per scenario (and --keep-db); \`cronstorm bench\` needs it
});
`;
}
