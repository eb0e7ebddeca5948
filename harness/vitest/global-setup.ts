import type { TestProject } from "vitest/node";
import { selectedServerKind } from "../db/start-server";
import { openDatabaseSession } from "../session";

/**
 * One PostgreSQL for the whole test run, with the migrated template every scenario clones. Started in
 * vitest's main process and stopped in its teardown, which also runs when a test fails.
 */
export default async function setup(project: TestProject) {
  const kind = selectedServerKind();
  const session = await openDatabaseSession(kind);
  project.provide("cronstorm", {
    serverKind: kind,
    adminUrl: session.server.url(),
    runTag: session.scratch.runTag,
    templateName: session.scratch.templateName,
  });
  return () => session.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    cronstorm: { serverKind: string; adminUrl: string; runTag: string; templateName: string };
  }
}
