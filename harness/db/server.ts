/** A running PostgreSQL the harness may create scratch databases on. */
export interface PgServer {
  readonly kind: PgServerKind;
  /** Connection URL for `database` (default: the maintenance database). */
  url(database?: string): string;
  /** Stops what the harness started; a server the harness did not start is left running. */
  stop(): Promise<void>;
}

export const PG_SERVER_KINDS = ["embedded", "url", "testcontainers"] as const;
export type PgServerKind = (typeof PG_SERVER_KINDS)[number];

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
