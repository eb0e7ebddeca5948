import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { withPgClient } from "./with-client";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/db/migrations/", import.meta.url));

/** Applies the app's SQL migrations in file-name order, each in its own transaction. */
export async function migrate(url: string): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();
  await withPgClient(url, async (client) => {
    for (const file of files) {
      const sql = await readFile(MIGRATIONS_DIR + file, "utf8");
      await client.query("begin");
      try {
        await client.query(sql);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw new Error(`cronstorm: migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  });
  return files;
}
