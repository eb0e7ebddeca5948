/** Messages between the harness and an isolated instance, over the child process's IPC channel. */
export type ToChild =
  | { type: "invoke"; id: number; url: string; headers: [string, string][] }
  /** Freeze (SIGSTOP itself) the moment it has answered the next invocation that ran, as a serverless platform may. */
  | { type: "freeze-after-response" };

export type FromChild =
  | { type: "ready"; pid: number }
  | { type: "result"; id: number; status: number; headers: [string, string][]; body: string }
  | { type: "result"; id: number; error: string }
  | { type: "event"; channel: string; message: unknown }
  /** Sent right after the result of invocation `id`, in the same turn of the event loop as the SIGSTOP. */
  | { type: "freezing"; id: number };
