import { spawn } from "node:child_process";

export interface ReaperOptions {
  /**
   * The server was spawned `detached` (a process group of its own, as Next.js is): signal the whole
   * group, since the leader's children (next build's workers) would outlive it. Leave false for a child
   * in the harness's own group (embedded PostgreSQL, pgbouncer): `-pid` names no group there.
   */
  group?: boolean;
}

/**
 * A detached watcher that outlives a SIGKILLed harness: when the harness process is gone it stops the
 * server it started (postgres, or the end-to-end test's Next.js build and server) and removes its
 * directory, so even a hard kill leaves nothing behind. A clean stop kills the watcher first.
 */
export function spawnReaper(ownerPid: number, serverPid: number, dataDir: string, options: ReaperOptions = {}): () => void {
  // dash's kill takes `-<pgid>` for a group but no `--`.
  const target = options.group ? `-${serverPid}` : `${serverPid}`;
  const script = `
    while kill -0 ${ownerPid} 2>/dev/null; do sleep 1; done
    kill -INT ${target} 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 ${target} 2>/dev/null || break; sleep 1; done
    kill -KILL ${target} 2>/dev/null
    rm -rf '${dataDir.replaceAll("'", "")}'`;
  const reaper = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  reaper.unref();
  return () => {
    try {
      reaper.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
}
