import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedServer } from "../db/embedded-server";
import { connectExternalServer, type ExternalServerSource } from "../db/external-server";
import { ScratchDatabases } from "../db/scratch";
import { withDatabase, type PgServer } from "../db/server";
import { openDatabaseSession } from "../session";
import { openHttpApp } from "./http-app";
import type { HttpAppEnv } from "./http-env";
import { waitForApp } from "./http-instance";
import { httpStage } from "./http-stage";
import { moduleStage } from "./module-stage";
import type { Stage } from "./stage";
import type { HttpTarget, Target } from "./target";
import { targetScratch } from "./target-scratch";

/** How long the harness waits for an app you started to answer (a dev server compiles the route on first request). */
const APP_READY_TIMEOUT_MS = 60_000;

export interface TargetSession {
  server: PgServer;
  scratch: ScratchDatabases;
  stage: Stage;
  close(): Promise<void>;
}

/**
 * The database side and the stage for one CLI run against `target`. A module target gets the usual
 * server (CRONSTORM_DB) with a template of its schema; an HTTP target gets the server its app already
 * points at (or an embedded one on that port) and the OpenAI bridge where its base URL points.
 */
export async function openTargetSession(target: Target, mode: "shared" | "isolated", http: HttpAppEnv | undefined): Promise<TargetSession> {
  if (target.kind === "module") {
    const session = await openDatabaseSession();
    try {
      const own = await targetScratch(session.scratch, target);
      const stage = moduleStage(target, own.scratch, mode);
      return {
        server: session.server,
        scratch: own.scratch,
        stage,
        close: () => (stage.close?.() ?? Promise.resolve()).finally(() => own.close().finally(() => session.close())),
      };
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  if (!http) throw new Error("cronstorm: an HTTP target needs its app's env (readHttpAppEnv)");
  return openHttpSession(target, http);
}

/**
 * An HTTP target's server is the one its app was started on: errors name the app's variable, and the
 * way out is the embedded server on that port, not unsetting anything (the app would lose its database).
 */
export function appDatabaseSource(target: HttpTarget): ExternalServerSource {
  const variable = target.env.databaseUrl;
  return {
    variable,
    remedy: `Or set CRONSTORM_DB=embedded: the harness then starts PostgreSQL on ${variable}'s port (role ${EMBEDDED_USER}, password ${EMBEDDED_PASSWORD}).`,
  };
}

async function openHttpSession(target: HttpTarget, http: HttpAppEnv): Promise<TargetSession> {
  // Nothing to start if the app is not there: fail before PostgreSQL comes up.
  const status = await waitForApp(target.url, APP_READY_TIMEOUT_MS);
  if (status === 404) throw new Error(`cronstorm: ${target.url} answered 404: is the target's url the cron route's path?`);
  const server = http.server === "embedded"
    ? await startEmbeddedServer({ port: Number(new URL(http.databaseUrl).port) })
    : await connectExternalServer(withDatabase(http.databaseUrl, "postgres"), appDatabaseSource(target));
  let scratch: ScratchDatabases | undefined;
  try {
    scratch = await ScratchDatabases.prepare(server, undefined, (url) => target.jobs.migrate(url));
    const app = await openHttpApp({ scratch, databaseName: http.databaseName, cronSecret: http.cronSecret, listen: http.bridge });
    const owned = scratch;
    return {
      server,
      scratch,
      stage: httpStage(target, app),
      close: () => app.close().finally(() => owned.dropAll().finally(() => server.stop())),
    };
  } catch (error) {
    await (scratch?.dropAll() ?? Promise.resolve()).finally(() => server.stop());
    throw error;
  }
}
