/**
 * Known-bad variants of src/: each is a small patch a reasonable engineer might write. The self-test
 * applies each to a copy of src/ and runs the suite against it; the gate is worth something only if
 * every one of them is caught.
 */
export interface Variant {
  name: string;
  /** The regression, in one line. */
  what: string;
  /**
   * The test file that catches it soonest. The self-test runs that file alone first and the whole suite
   * only if it does not catch the variant, so a stale hint costs time, never strength (and is reported).
   */
  expectedCatcher?: string;
  /** File inside src/ and the exact text replacements (each `find` must occur exactly once). */
  patches: { file: string; find: string; replace: string }[];
}

const HANDLER = "lib/cron/locked-cron-handler.ts";
const LOCK = "lib/cron/advisory-lock.ts";
const RUNNER = "lib/background-jobs/runner.ts";
const STORE = "lib/background-jobs/job-store.ts";

export const VARIANTS: Variant[] = [
  {
    name: "lock-removed",
    what: "the route runs the jobs without taking the advisory lock",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [{ file: HANDLER, find: "const lease = await tryAcquireLock(route.lockKey, route.name, lockStrategyFromEnv());", replace: "void tryAcquireLock; void lockStrategyFromEnv; const lease = { key: route.lockKey, backendPid: 0, lost: new AbortController().signal, release: async () => {} };" }],
  },
  {
    name: "lock-before-auth",
    what: "the lock is taken before the CRON_SECRET check",
    expectedCatcher: "scenarios/auth.test.ts",
    patches: [
      { file: HANDLER, find: "    if (!isAuthorizedCronRequest(request)) return unauthorized();\n", replace: "" },
      { file: HANDLER, find: "      if (!lease) return skippedLocked();", replace: "      if (!lease) return skippedLocked();\n      if (!isAuthorizedCronRequest(request)) { await lease.release(); return unauthorized(); }" },
    ],
  },
  {
    name: "release-not-in-finally",
    what: "the lock is released after the work instead of in finally",
    expectedCatcher: "scenarios/exceptions.test.ts",
    patches: [{ file: HANDLER, find: "      try {\n        return completed(await route.work(lease));\n      } finally {\n        await lease.release();\n      }", replace: "      const body = await route.work(lease);\n      await lease.release();\n      return completed(body);" }],
  },
  {
    name: "lock-on-pooled-connection",
    what: "lock and unlock run on whichever pooled connection is free",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [
      { file: LOCK, find: 'import { databaseUrl } from "../db/pool";', replace: 'import { databaseUrl, getPool } from "../db/pool";' },
      { file: LOCK, find: "await session.query<{ locked: boolean; pid: number }>(sql.acquire,", replace: "await getPool().query<{ locked: boolean; pid: number }>(sql.acquire," },
      { file: LOCK, find: "await session.query<Record<string, unknown>>(sql.release,", replace: "await getPool().query<Record<string, unknown>>(sql.release," },
    ],
  },
  {
    name: "xact-lock-in-autocommit",
    what: "a transaction-scoped lock taken outside a transaction (released at statement end)",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [{ file: LOCK, find: 'acquire: "select pg_try_advisory_lock($1::bigint) as locked, pg_backend_pid() as pid",', replace: 'acquire: "select pg_try_advisory_xact_lock($1::bigint) as locked, pg_backend_pid() as pid",' }],
  },
  {
    name: "key-collides",
    what: "background-jobs uses calendar-health's lock key",
    expectedCatcher: "scenarios/lock-keys.test.ts",
    patches: [{ file: "app/api/cron/background-jobs/route.ts", find: 'const LOCK_KEY = BigInt("63063063063");', replace: 'const LOCK_KEY = BigInt("62062062062");' }],
  },
  {
    name: "budget-ignored",
    what: "the runner keeps starting jobs past its time budget",
    expectedCatcher: "scenarios/slow-openai.test.ts",
    patches: [{ file: RUNNER, find: '      if (now.getTime() >= lastStartAt) return void stopReasons.add("budget");\n', replace: "" }],
  },
  {
    name: "safety-buffer-ignored",
    what: "jobs start until the deadline, not deadline − 7.5 s",
    expectedCatcher: "scenarios/slow-openai.test.ts",
    patches: [{ file: RUNNER, find: "const lastStartAt = startedAt.getTime() + config.budgetMs - config.safetyBufferMs;", replace: "const lastStartAt = startedAt.getTime() + config.budgetMs;" }],
  },
  {
    name: "claims-without-row-locking",
    what: "jobs are claimed without FOR UPDATE SKIP LOCKED",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [{ file: STORE, find: "    limit 1\n    for update skip locked\n", replace: "    limit 1\n" }],
  },
  {
    name: "bearer-undefined-accepted",
    what: "the documented `Bearer ${CRON_SECRET}` comparison: `Bearer undefined` passes when the secret is unset",
    expectedCatcher: "scenarios/auth.test.ts",
    patches: [{ file: "lib/cron/auth.ts", find: "  const secret = process.env[secretEnvName];\n  if (!secret) return false;", replace: "  const secret = String(process.env[secretEnvName]);" }],
  },
  {
    name: "unlock-result-ignored",
    what: "the unlock's outcome is ignored and the session is kept (as a pooled connection would be)",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [{ file: LOCK, find: "        await session.end().catch(() => undefined);\n      }\n      if (!unlocked) {", replace: "      }\n      if (!unlocked) {" }],
  },
  {
    name: "killed-run-never-reclaimed",
    what: "jobs left processing by a killed run are never reclaimed",
    expectedCatcher: "scenarios/catalog-kills.test.ts",
    patches: [{ file: STORE, find: "\n       or (status = 'processing' and lease_expires_at < $2 and run_id <> $1 and attempts < max_attempts)", replace: "" }],
  },
  {
    name: "runner-returns-before-workers-finish",
    what: "the runner returns when its first worker stops, while the others still work on claimed jobs (outside the lock)",
    expectedCatcher: "scenarios/burst.test.ts",
    patches: [
      {
        file: RUNNER,
        find: "const outcomes = await Promise.allSettled(Array.from({ length: config.concurrency }, () => limit(stopOthersOnFailure)));",
        replace:
          "const outcomes = [await Promise.race(Array.from({ length: config.concurrency }, () => limit(stopOthersOnFailure)).map((p) => p.then((value) => ({ status: \"fulfilled\" as const, value }), (reason: unknown) => ({ status: \"rejected\" as const, reason }))))];",
      },
    ],
  },
  {
    name: "unlock-after-response",
    what: "the lock is released after the response is sent (as next/server's after() would run it), so a frozen instance keeps it",
    expectedCatcher: "scenarios/catalog-freezes.test.ts",
    patches: [{ file: HANDLER, find: "      } finally {\n        await lease.release();\n      }", replace: "      } finally {\n        setImmediate(() => void lease.release());\n      }" }],
  },
  {
    name: "secret-compared-by-prefix",
    what: "the Bearer token is accepted when the secret starts with it (a length-limited comparison)",
    expectedCatcher: "scenarios/auth.test.ts",
    patches: [{ file: "lib/cron/auth.ts", find: "  return timingSafeEqual(digest(match[1]), digest(secret));", replace: "  void timingSafeEqual; void digest;\n  return secret.startsWith(match[1]);" }],
  },
  {
    name: "lock-loss-ignored",
    what: "the runner never looks at its lock's lost signal: a run whose lock session died keeps claiming and working beside the run that now holds the lock",
    expectedCatcher: "scenarios/catalog-sessions.test.ts",
    patches: [
      { file: RUNNER, find: '      if (lock?.lost.aborted) return void stopReasons.add("lock-lost");\n', replace: "" },
      { file: RUNNER, find: "runJob(pool, job, runId, config.retryDelayMs, lock?.lost)", replace: "runJob(pool, job, runId, config.retryDelayMs)" },
    ],
  },
  {
    name: "lock-session-never-closed",
    what: "the lock's session is unlocked but never closed: every run leaves a connection behind",
    expectedCatcher: "scenarios/lock-keys.test.ts",
    patches: [{ file: LOCK, find: "      } finally {\n        await session.end().catch(() => undefined);\n      }\n      if (!unlocked) {", replace: "      } finally {\n        // kept open for reuse\n      }\n      if (!unlocked) {" }],
  },
];
