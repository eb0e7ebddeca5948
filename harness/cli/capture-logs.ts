import { format } from "node:util";

/** Runs `fn` with console.warn/error (the app's and msw's logs) collected instead of printed. */
export async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ value: T; logs: string[] }> {
  const logs: string[] = [];
  const original = { warn: console.warn, error: console.error };
  console.warn = (...args: unknown[]) => void logs.push(format(...args));
  console.error = (...args: unknown[]) => void logs.push(format(...args));
  try {
    return { value: await fn(), logs };
  } finally {
    console.warn = original.warn;
    console.error = original.error;
  }
}

export const indent = (text: string) => text.replace(/^/gm, "      ");
