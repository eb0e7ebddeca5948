import { type ChildProcess, spawn } from "node:child_process";
import type { History } from "../../history";
import { nodeEntryArgs } from "../../process/node-entry";
import type { AppInstance } from "./app-instance";
import { APP_CHANNELS, type AppChannel, toHistoryEvent } from "./app-events";
import type { FromChild, ToChild } from "./child/protocol";

const ENTRY = new URL("./child/entry.ts", import.meta.url);
/**
 * A bound on a start, not a measurement: a first start in a fresh clone transforms the app with a cold
 * tsx cache (a generated Prisma client is megabytes of TypeScript) beside the suite's other files, and
 * has taken more than 30 s in CI. A child that never reports ready is still killed at the bound.
 */
const READY_TIMEOUT_MS = 120_000;

/** A child process per instance: its own module graph and pool, as separate serverless instances. */
export interface IsolatedInstance extends AppInstance {
  readonly name: string;
  readonly pid: number;
  /** Sends a signal to the instance process (SIGKILL, SIGSTOP, SIGCONT …). */
  signal(signal: NodeJS.Signals): void;
  readonly alive: boolean;
  /** Stopped by the freeze-after-response fault (until SIGCONT or SIGKILL): a platform would route no request to it. */
  readonly frozen: boolean;
  /** Arms the instance to freeze itself right after answering its next invocation that ran; resolves when it has. */
  freezeAfterResponse(): Promise<{ invocationId: number }>;
  /** Resolves when the process exits, with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  /** The instance's stdout/stderr, for failure reports. */
  logs(): string[];
}

export async function startIsolatedInstance(options: {
  name: string;
  routeModule: string;
  env: Record<string, string | undefined>;
  history: History;
}): Promise<IsolatedInstance> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env, CRONSTORM_ROUTE_MODULE: options.routeModule })) {
    if (value !== undefined) env[key] = value;
  }
  const child: ChildProcess = spawn(process.execPath, nodeEntryArgs(ENTRY), {
    // The app's own working directory, as `next start` has it: its relative paths resolve as in production.
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const logs: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));

  let alive = true;
  let frozen = false;
  let onFreezing: ((id: number) => void) | undefined;
  const pending = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      alive = false;
      options.history.append({ type: "instance", phase: "exit", at: Date.now(), instance: options.name, signal, code });
      for (const { reject } of pending.values()) reject(new Error(`instance ${options.name} died (${signal ?? `exit ${code}`}) mid-invocation`));
      pending.clear();
      resolve({ code, signal });
    });
  });

  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a half-started instance behind
      reject(new Error(`cronstorm: instance ${options.name} did not start within ${READY_TIMEOUT_MS} ms:\n${logs.join("")}`));
    }, READY_TIMEOUT_MS);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`cronstorm: instance ${options.name} exited while starting (${signal ?? code}):\n${logs.join("")}`));
    });
    child.on("message", (message: FromChild) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message.pid);
      } else if (message.type === "event" && (APP_CHANNELS as readonly string[]).includes(message.channel)) {
        options.history.append(toHistoryEvent(message.channel as AppChannel, message.message, options.name));
      } else if (message.type === "freezing") {
        frozen = true;
        onFreezing?.(message.id);
      } else if (message.type === "result") {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if ("error" in message) waiter?.reject(new Error(message.error));
        else waiter?.resolve(new Response(message.body, { status: message.status, headers: message.headers }));
      }
    });
  });
  const pid = await ready;

  let nextId = 0;
  return {
    mode: "isolated",
    name: options.name,
    pid,
    get alive() {
      return alive;
    },
    get frozen() {
      return frozen && alive;
    },
    freezeAfterResponse() {
      const froze = new Promise<{ invocationId: number }>((resolve, reject) => {
        onFreezing = (invocationId) => resolve({ invocationId });
        void exited.then(() => reject(new Error(`instance ${options.name} exited before it froze`)));
      });
      const message: ToChild = { type: "freeze-after-response" };
      child.send(message, () => undefined); // a dead instance rejects `froze` through its exit
      return froze;
    },
    exited,
    logs: () => logs,
    signal: (signal) => {
      if (!alive) return;
      if (signal === "SIGCONT") frozen = false;
      child.kill(signal);
    },
    invoke(request) {
      if (!alive) return Promise.reject(new Error(`instance ${options.name} is not running`));
      const id = nextId++;
      const message: ToChild = { type: "invoke", id, url: request.url, headers: [...request.headers] };
      return new Promise<Response>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A SIGKILLed instance's IPC channel closes a moment before its exit event: the invocation fails
        // as one sent to a dead instance, instead of an unhandled 'error' that would end the harness.
        child.send(message, (error) => {
          if (!error) return;
          pending.delete(id);
          reject(new Error(`instance ${options.name} could not be sent the invocation: ${error.message}`));
        });
      });
    },
    async close() {
      if (!alive) return;
      child.kill("SIGCONT"); // a paused instance cannot handle SIGTERM
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
