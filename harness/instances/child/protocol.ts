/** Messages between the harness and an isolated instance, over the child process's IPC channel. */
export type ToChild = { type: "invoke"; id: number; url: string; headers: [string, string][] };

export type FromChild =
  | { type: "ready"; pid: number }
  | { type: "result"; id: number; status: number; headers: [string, string][]; body: string }
  | { type: "result"; id: number; error: string }
  | { type: "event"; channel: string; message: unknown };
