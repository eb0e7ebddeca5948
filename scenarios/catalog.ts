import type { CheckName } from "../harness/checks/registry";
import { connectionExhaustion } from "../harness/faults/connection-exhaustion";
import { duplicateDelivery } from "../harness/faults/duplicate-delivery";
import { freezeAfterResponse } from "../harness/faults/freeze-after-response";
import { killHolder } from "../harness/faults/kill-holder";
import { openaiStorm } from "../harness/faults/openai-storm";
import { pauseHolder } from "../harness/faults/pause-holder";
import { transactionPooler } from "../harness/faults/pgbouncer-in-path";
import { poolSessions } from "../harness/faults/pool-sessions";
import { terminateAllBackends } from "../harness/faults/terminate-all-backends";
import { terminateHolderBackend } from "../harness/faults/terminate-holder-backend";
import { unlockFails } from "../harness/faults/unlock-fails";
import type { ChaosSpec } from "../harness/drivers/catalog/spec";
import { fileURLToPath } from "node:url";
import { latency } from "../harness/openai/latency";
import { openaiFaults } from "../harness/faults/openai-responses";

const ALL: CheckName[] = ["mutual-exclusion", "job-exclusivity", "work-inside-lock", "nothing-lost", "lock-free", "starvation"];

/** 32 jobs at ~10 s each and 4 at a time: a run outlasts the 60 s cron interval, so ticks overlap. */
const base = {
  jobs: 32,
  concurrency: 4,
  openai: { latency: latency.uniform(6_000, 14_000), timeoutMs: 20_000, maxRetries: 1 },
  faultTicks: 2,
  // Recovery stops as soon as every job is terminal; the bound only matters on a starved machine, where a
  // run gets through fewer jobs per tick (seen: 8 ticks left 2 of 32 jobs pending under 3× load).
  maxRecoveryTicks: 24,
  checks: ALL,
  expect: "survives" as const,
};

const REFERENCE_POOLED_LOCK = {
  label: "reference pooled lock",
  module: fileURLToPath(new URL("../harness/target/reference-routes/reference-pooled-lock-route.ts", import.meta.url)),
};

/** The fault catalog (shared/notes/failure-modes.md): each fault, the app as delivered, and where it matters, the known-bad reference. */
export const CATALOG: ChaosSpec[] = [
  { ...base, name: "kill-holder", mode: "isolated", instances: 3, fault: killHolder() },
  { ...base, name: "pause-holder", mode: "isolated", instances: 3, faultTicks: 4, fault: pauseHolder() },
  // 12 jobs: the first run ends within its first interval; then two ticks must find the lock free while its instance is frozen.
  { ...base, name: "freeze-after-response", mode: "isolated", instances: 3, jobs: 12, faultTicks: 3, fault: freezeAfterResponse() },
  { ...base, name: "terminate-holder-backend", mode: "shared", fault: terminateHolderBackend() },
  { ...base, name: "terminate-all-backends", mode: "isolated", instances: 2, fault: terminateAllBackends() },
  {
    ...base,
    name: "pooled-lock-src",
    mode: "shared",
    poolMax: 4,
    fault: poolSessions({ name: "lock-on-busy-pool", models: "lock and unlock issued while the runner keeps a pool of size > 1 busy (Prisma $queryRaw outside a transaction)", minPoolSessions: 2, maxPoolSessions: 4 }),
  },
  {
    ...base,
    name: "pooled-lock-reference",
    mode: "shared",
    poolMax: 4,
    // Whether a run's unlock lands on another session is the pool's choice (the most recently freed
    // connection), so each run is one draw: once in a fresh-clone CI run the only run's unlock found the
    // lock's own session and nothing leaked. 8 jobs end a run within its tick, so each of the 4 ticks
    // is a run of its own and a draw; one leak is enough, and it stays.
    jobs: 8,
    faultTicks: 4,
    target: REFERENCE_POOLED_LOCK,
    expect: "breaks",
    fault: poolSessions({ name: "lock-on-busy-pool", models: "lock and unlock on whichever pooled connection is free: the unlock lands elsewhere and the lock leaks", minPoolSessions: 2, maxPoolSessions: 4 }),
  },
  {
    ...base,
    name: "pool-size-1-src",
    mode: "shared",
    poolMax: 1,
    deliveries: 2,
    fault: poolSessions({ name: "one-shared-session", models: "connection_limit=1 (Prisma's serverless advice): in-process invocations share one session", minPoolSessions: 1, maxPoolSessions: 1 }),
  },
  {
    ...base,
    name: "pool-size-1-reference",
    mode: "shared",
    poolMax: 1,
    deliveries: 2,
    target: REFERENCE_POOLED_LOCK,
    expect: "breaks",
    fault: poolSessions({ name: "one-shared-session", models: "two invocations on one pooled session both get the re-entrant lock", minPoolSessions: 1, maxPoolSessions: 1 }),
  },
  // One server connection makes the breakage deterministic: every session's lock call lands on it, so
  // the lock is re-entrant for every tick. With more, where each call lands (and so what breaks) varies.
  { ...base, name: "pgbouncer-session-lock", mode: "shared", viaPgBouncer: true, pgBouncerPoolSize: 1, expect: "breaks", fault: transactionPooler() },
  {
    ...base,
    name: "pgbouncer-xact-lock",
    mode: "shared",
    viaPgBouncer: true,
    target: { label: "src, CRON_LOCK_STRATEGY=transaction", module: fileURLToPath(new URL("../src/app/api/cron/background-jobs/route.ts", import.meta.url)), env: { CRON_LOCK_STRATEGY: "transaction" } },
    fault: transactionPooler(),
  },
  { ...base, name: "connection-exhaustion", mode: "shared", deliveries: 20, deliveryJitterMs: 0, poolMax: 4, serverMaxConnections: 12, fault: connectionExhaustion(12) },
  { ...base, name: "unlock-fails", mode: "shared", fault: unlockFails() },
  { ...base, name: "duplicate-delivery", mode: "isolated", instances: 3, deliveries: 2, fault: duplicateDelivery() },
  {
    ...base,
    name: "openai-429-and-hangs",
    mode: "shared",
    // Every third call is a 429 and every fourth of the rest hangs, so both fire within a run's first calls
    // for any seed. (With probabilities 0.3 and 0.1, two of ten gate runs on a busy machine drew no hang
    // in the fault window and failed "fault fired".)
    openai: { ...base.openai, faults: [openaiFaults.rateLimited(5_000, { every: 3 }), openaiFaults.hang(base.openai.timeoutMs, { every: 4 })] },
    fault: openaiStorm(),
  },
];

/**
 * The catalog's entries by what they act on, one vitest file each (scenarios/catalog-*.test.ts), so the
 * files run side by side; catalog-groups.test.ts checks that every entry is in exactly one group.
 */
export const CATALOG_GROUPS = {
  // kill-holder alone: it is the longest entry, and a file of its own starts it beside the others.
  kills: ["kill-holder"],
  freezes: ["pause-holder", "freeze-after-response"],
  sessions: ["terminate-holder-backend", "terminate-all-backends", "unlock-fails"],
  pools: ["pooled-lock-src", "pooled-lock-reference", "pool-size-1-src", "pool-size-1-reference", "pgbouncer-session-lock", "pgbouncer-xact-lock"],
  deliveries: ["duplicate-delivery", "connection-exhaustion", "openai-429-and-hangs"],
} as const satisfies Record<string, readonly string[]>;
export type CatalogGroup = keyof typeof CATALOG_GROUPS;

/** The catalog entry named `name`; throws naming it when there is none. */
export function catalogEntry(name: string): ChaosSpec {
  const spec = CATALOG.find((s) => s.name === name);
  if (!spec) throw new Error(`cronstorm: no catalog entry "${name}"; run \`cronstorm list --catalog\``);
  return spec;
}
