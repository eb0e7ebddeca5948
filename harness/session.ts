import { ScratchDatabases } from "./db/scratch";
import type { PgServer, PgServerKind } from "./db/server";
import { selectedServerKind, startServer } from "./db/start-server";
import { TimeScale, DEFAULT_TIME_SCALE } from "./time-scale";

/** Reads CRONSTORM_TIME_SCALE (default 60): how many production milliseconds one wall millisecond stands for. */
export function timeScaleFromEnv(env: NodeJS.ProcessEnv = process.env): TimeScale {
  const raw = env.CRONSTORM_TIME_SCALE?.trim();
  if (!raw) return new TimeScale(DEFAULT_TIME_SCALE);
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor < 1 || factor > 1000) {
    throw new Error(`cronstorm: CRONSTORM_TIME_SCALE must be a number from 1 (real time) to 1000, got "${raw}"`);
  }
  return new TimeScale(factor);
}

/** A started server with a migrated template on it; `close` drops every scratch database and stops the server. */
export interface DatabaseSession {
  server: PgServer;
  scratch: ScratchDatabases;
  close(): Promise<void>;
}

export async function openDatabaseSession(kind: PgServerKind = selectedServerKind()): Promise<DatabaseSession> {
  const server = await startServer(kind);
  let scratch: ScratchDatabases;
  try {
    scratch = await ScratchDatabases.prepare(server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    scratch,
    async close() {
      try {
        await scratch.dropAll();
      } finally {
        await server.stop();
      }
    },
  };
}
