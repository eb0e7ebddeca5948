import { randomBytes } from "node:crypto";
import type { ScratchDatabases } from "../db/scratch";
import { recordAppEvents } from "./instances/app-events";
import { fleet, fleetSize } from "./instances/fleet";
import { startIsolatedInstance } from "./instances/isolated-instance";
import { boundedByMaxDuration } from "./instances/bounded-instance";
import { sharedInstance } from "./instances/shared-instance";
import { serveHandlersOverHttp } from "../openai/http-bridge";
import { applyEnv } from "./app-env";
import { fixedDatabase } from "./fixed-database";
import type { Stage, StartedApp, StartOptions } from "./stage";
import type { ModuleTarget } from "./target";
import { targetEnv } from "./target-env";

/** Isolated mode spreads a burst over at most this many instances (separate serverless instances, each its own pool). */
const ISOLATED_INSTANCES = 3;

/**
 * A route module: `shared` imports it into the harness's process (one module graph and pool, Fluid
 * compute); `isolated` starts child processes that import it, reached over IPC, with the OpenAI mock
 * served to them over the loopback bridge. Each scenario gets a database cloned from `scratch`'s
 * template, except in shared mode for a target with no resetModuleState: its import-time client cannot
 * be pointed at another database, so the run keeps one, re-created in place (fixed-database.ts).
 */
export function moduleStage(target: ModuleTarget, scratch: ScratchDatabases, mode: "shared" | "isolated"): Stage {
  const fixed = mode === "shared" && !target.resetModuleState ? fixedDatabase(scratch, target.jobs, target.name) : undefined;
  return {
    target,
    mode,
    env: { kind: "per-scenario" },
    appDatabase: fixed ? "fixed" : "per-scenario",
    async database(label, cleanup, keep) {
      // Nothing to keep: the next scenario re-creates the fixed database (the CLI refuses --keep-db).
      if (fixed) return fixed.fresh();
      const database = await scratch.clone(label);
      cleanup.defer(() => !keep() && scratch.drop(database.name));
      return database;
    },
    cronSecret: () => randomBytes(16).toString("hex"),
    start: (options) => (mode === "shared" ? startShared(options) : startIsolated(options)),
    close: async () => fixed?.close(),
  };
}

async function startShared({ target, settings, scale, history, openai, cleanup }: StartOptions): Promise<StartedApp> {
  if (target.kind !== "module") throw new Error("cronstorm: a module stage serves module targets only");
  openai.listen();
  cleanup.defer(() => openai.close());
  cleanup.defer(recordAppEvents(history));
  cleanup.defer(applyEnv(targetEnv(target, settings, scale)));
  // Never fall back to src/'s reset for another app: its pool would stay bound to this scenario's
  // database. With none, its pool stays open, on the fixed database the stage keeps for the run.
  // An app deadlocked on its own pool must not hang any driver: not its invocations, and not its close
  // (a pool's end() waits for the sessions its hung invocations hold).
  const instance = boundedByMaxDuration(await sharedInstance(target.module, target.resetModuleState ?? keepModuleState), scale);
  cleanup.defer(() => instance.close());
  return { instance, members: [instance] };
}

const keepModuleState = async () => {};

async function startIsolated({ target, settings, scale, history, openai, cleanup, invocations, instances: wanted }: StartOptions): Promise<StartedApp> {
  if (target.kind !== "module") throw new Error("cronstorm: a module stage serves module targets only");
  const bridge = await serveHandlersOverHttp(() => openai.handlers());
  cleanup.defer(() => bridge.close());
  const env = targetEnv(target, settings, scale, bridge.baseUrl);
  const count = wanted ?? fleetSize(invocations, ISOLATED_INSTANCES);
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => startIsolatedInstance({ name: `i${i}`, routeModule: target.module, env, history })),
  );
  const instances = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  // Close the ones that came up even when another did not, then report the failure.
  cleanup.defer(() => Promise.all(instances.map((i) => i.close())));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
  // The burst's entry point is bounded like the shared one (a deadlocked child never answers); a child's
  // close is bounded already (SIGKILL after 5 s). The members stay raw: the catalog deals to them one by
  // one and bounds them by its own settle timeout (drivers/catalog/settle.ts).
  return { instance: boundedByMaxDuration(fleet(instances), scale), members: instances };
}
