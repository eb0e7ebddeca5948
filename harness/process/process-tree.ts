import { readdirSync, readFileSync } from "node:fs";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** argv, as /proc/<pid>/cmdline has it. */
  argv: string[];
}

/** Every process on the machine, from /proc (Linux). */
export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name in parentheses may contain spaces; the ppid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      processes.push({ pid: Number(entry), ppid, argv });
    } catch {
      // it exited while we looked
    }
  }
  return processes;
}

/** The processes below `root`, children first. */
export function descendantsOf(root: number, processes = listProcesses()): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.shift();
    for (const child of processes.filter((p) => p.ppid === parent)) {
      found.push(child);
      frontier.push(child.pid);
    }
  }
  return found;
}

export { isAlive } from "./is-alive";
