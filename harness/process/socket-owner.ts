import { readdir, readFile, readlink } from "node:fs/promises";

/**
 * Which of `pids` owns the TCP socket whose local port is `port` (Linux /proc): how the harness tells
 * which instance process a PostgreSQL session belongs to (pg_stat_activity.client_port), for any driver,
 * without the app naming its sessions.
 */
export async function processOwningPort(pids: readonly number[], port: number): Promise<number | undefined> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const [, local, , , , , , , , inode] = line.trim().split(/\s+/);
      if (local && inode && Number.parseInt(local.split(":").pop() ?? "", 16) === port) inodes.add(inode);
    }
  }
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const inode = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ""))?.[1];
      if (inode && inodes.has(inode)) return pid;
    }
  }
  return undefined;
}
