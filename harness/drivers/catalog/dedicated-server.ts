import { startEmbeddedServer } from "../../db/embedded-server";
import { ScratchDatabases } from "../../db/scratch";

/** A fault about max_connections needs a server whose limit it can exhaust: a small one of its own. */
export async function openDedicatedServer(maxConnections: number, migrate: (url: string) => Promise<unknown>) {
  const server = await startEmbeddedServer({ maxConnections });
  try {
    const scratch = await ScratchDatabases.prepare(server, undefined, migrate);
    return { scratch, close: () => scratch.dropAll().finally(() => server.stop()) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
