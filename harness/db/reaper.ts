import { spawn } from "node:child_process";

/**
 * A detached watcher that outlives a SIGKILLed harness: when the harness process is gone it stops the
 * postgres it started and removes the data directory, so even a hard kill leaves nothing behind.
 * A clean stop kills the watcher first.
 */
export function spawnReaper(ownerPid: number, postgresPid: number, dataDir: string): () => void {
  const script = `
    while kill -0 ${ownerPid} 2>/dev/null; do sleep 1; done
    kill -INT ${postgresPid} 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 ${postgresPid} 2>/dev/null || break; sleep 1; done
    kill -KILL ${postgresPid} 2>/dev/null
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
