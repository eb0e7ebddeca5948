import { spawn } from "node:child_process";
import { realpathSync } from "node:fs";

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
  return spawnWatcher(
    dataDir,
    `
    while kill -0 ${ownerPid} 2>/dev/null; do sleep 1; done
    kill -INT ${target} 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 ${target} 2>/dev/null || break; sleep 1; done
    kill -KILL ${target} 2>/dev/null
    rm -rf "$1"`,
  );
}

/** How long the processes still at work in a reaped directory get to stop on SIGTERM before SIGKILL (seconds). */
const STOP_GRACE_S = 10;

/**
 * A detached watcher for a scratch directory that commands run in (the package end-to-end test's app):
 * when its owner is gone (a killed test worker, whose `afterAll` never runs), it stops every process
 * still working inside the directory (the owner's children outlive it: an install, a cronstorm run and
 * its PostgreSQL, found by their working directory in /proc), then removes the directory. A clean end
 * disarms it once the directory is gone.
 */
export function spawnDirectoryReaper(ownerPid: number, directory: string): () => void {
  // /proc shows working directories resolved. One find for all of /proc: a readlink per process costs
  // seconds of forks on a busy machine.
  return spawnWatcher(
    realpathSync(directory),
    `
    while kill -0 ${ownerPid} 2>/dev/null; do sleep 1; done
    inside() { find /proc -mindepth 2 -maxdepth 2 -name cwd -printf '%h %l\\n' 2>/dev/null | while read -r proc cwd; do case "$cwd" in "$1"|"$1"/*) echo "\${proc#/proc/}";; esac; done; }
    for _ in $(seq ${STOP_GRACE_S}); do pids=$(inside "$1"); [ -z "$pids" ] && break; kill -TERM $pids 2>/dev/null; sleep 1; done
    # Killed processes can still be writing for a moment (a postmaster's children): until none is left.
    for _ in $(seq 50); do pids=$(inside "$1"); [ -z "$pids" ] && break; kill -KILL $pids 2>/dev/null; sleep 0.2; done
    rm -rf "$1" || { sleep 1; rm -rf "$1"; }`,
  );
}

/**
 * Runs a watcher script detached, with the directory as its one argument ("$1": no path is ever spliced
 * into the script's text), from "/" so that it is never inside the directory itself. Returns its disarm.
 */
function spawnWatcher(directory: string, script: string): () => void {
  const watcher = spawn("sh", ["-c", script, "cronstorm-reaper", directory], { cwd: "/", detached: true, stdio: "ignore" });
  watcher.unref();
  return () => {
    try {
      watcher.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
}
