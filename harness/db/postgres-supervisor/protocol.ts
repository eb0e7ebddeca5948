/** What the harness asks of its PostgreSQL supervisor, passed as JSON in CRONSTORM_SUPERVISOR_OPTIONS. */
export interface SupervisorOptions {
  port: number;
  user: string;
  password: string;
  maxConnections: number;
}

export type FromSupervisor = { type: "ready" } | { type: "failed"; message: string; log: string };

export type ToSupervisor = { type: "stop" };
