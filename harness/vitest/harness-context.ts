import { inject } from "vitest";
import type { HarnessContext } from "../context";
import { ScratchDatabases } from "../db/scratch";
import { type PgServer, withDatabase } from "../db/server";
import { baseSeedFromEnv } from "../trial/seeds";
import { timeScaleFromEnv } from "../session";

/** The harness context inside a test file: the global server and template, this file's scratch databases. */
export function harnessContext(): HarnessContext {
  const provided = inject("cronstorm");
  const server: PgServer = {
    kind: provided.serverKind as PgServer["kind"],
    url: (database) => (database ? withDatabase(provided.adminUrl, database) : provided.adminUrl),
    stop: async () => {},
  };
  return {
    scratch: ScratchDatabases.attach(server, provided.runTag, provided.templateName),
    scale: timeScaleFromEnv(),
    baseSeed: baseSeedFromEnv(),
    keepFailedDatabases: process.env.CRONSTORM_KEEP_DB === "1",
  };
}
