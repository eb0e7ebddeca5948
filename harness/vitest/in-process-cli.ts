import { format } from "node:util";
import { vi } from "vitest";
import { cronstormMain } from "../cli/cronstorm";

export interface InProcessRun {
  code: number;
  /** What the command printed (console.info, console.error), line by line. */
  lines: string[];
  /** The directory of the report it wrote, from its `Report: …` line; undefined when it wrote none. */
  reportDir: string | undefined;
}

/**
 * Runs a cronstorm command in this test process, as `node bin/cronstorm.js` would run it, with `env` set
 * for its duration: much cheaper than a child process, and its output is captured. Only one at a time in
 * a process (commands set the app's env in process.env).
 */
export async function cronstormInProcess(argv: string[], env: Record<string, string> = {}): Promise<InProcessRun> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const lines: string[] = [];
  const collect = (...args: unknown[]) => void lines.push(...format(...args).split("\n"));
  const info = vi.spyOn(console, "info").mockImplementation(collect);
  const error = vi.spyOn(console, "error").mockImplementation(collect);
  try {
    const code = await cronstormMain(argv);
    const reportLine = lines.find((l) => l.includes("Report: "));
    const reportDir = reportLine?.replace(/^.*Report: (.*)\/report\.(md|html)$/, "$1");
    return { code, lines, reportDir };
  } finally {
    info.mockRestore();
    error.mockRestore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
