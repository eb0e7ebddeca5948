import { randomBytes } from "node:crypto";
import type { PgServer } from "./server";
import { migrate } from "./migrate";
import { withPgClient } from "./with-client";

/**
 * Every database the harness creates starts with this prefix, and it refuses to drop any other: pointed
 * at a user's DATABASE_URL, it can only ever remove its own scratch databases.
 */
export const SCRATCH_PREFIX = "cronstorm_";

export function isScratchName(name: string): boolean {
  return name.startsWith(SCRATCH_PREFIX) && /^[a-z0-9_]+$/.test(name) && name.length <= 63;
}

/** A migrated template, cloned once per scenario (graphile-worker / pg-boss style). */
export class ScratchDatabases {
  /** Names this process created and has not dropped yet. */
  private readonly created = new Set<string>();

  private constructor(
    readonly server: PgServer,
    /** Unique per harness process, so parallel runs against one server never touch each other's databases. */
    readonly runTag: string,
    readonly templateName: string,
  ) {}

  /** `migrateTemplate` applies the target's schema (default: src/'s migrations). */
  static async prepare(
    server: PgServer,
    runTag = `${process.pid}_${randomBytes(3).toString("hex")}`,
    migrateTemplate: (url: string) => Promise<unknown> = migrate,
  ) {
    const scratch = new ScratchDatabases(server, runTag, `${SCRATCH_PREFIX}${runTag}_template`);
    await scratch.create(scratch.templateName);
    try {
      await migrateTemplate(server.url(scratch.templateName));
    } catch (error) {
      // The caller never gets `scratch` to clean up, and the migration may be a target's own code.
      await scratch.dropAll().catch(() => undefined);
      throw error;
    }
    return scratch;
  }

  /** Reattaches to a template prepared by another process (vitest's global setup). */
  static attach(server: PgServer, runTag: string, templateName: string): ScratchDatabases {
    return new ScratchDatabases(server, runTag, templateName);
  }

  /** Clones the template into a fresh database named after `label` and returns its URL. */
  async clone(label: string): Promise<{ name: string; url: string }> {
    const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 24);
    const name = `${SCRATCH_PREFIX}${this.runTag}_${slug}_${randomBytes(2).toString("hex")}`;
    await this.create(name, this.templateName);
    return { name, url: this.server.url(name) };
  }

  /**
   * Drops `name` (a scratch name) and clones the template into it again: an app started before the
   * harness (an HTTP target) keeps its DATABASE_URL while every scenario still gets a fresh database.
   * `with (force)` closes the app's idle pooled sessions; its pool reconnects on the next query.
   */
  async recreate(name: string): Promise<{ name: string; url: string }> {
    await this.drop(name);
    await this.create(name, this.templateName);
    return { name, url: this.server.url(name) };
  }

  async drop(name: string): Promise<void> {
    if (!isScratchName(name)) throw new Error(`cronstorm: refusing to drop "${name}": not a ${SCRATCH_PREFIX} scratch database`);
    await withPgClient(this.server.url(), (c) => c.query(`drop database if exists "${name}" with (force)`));
    this.created.delete(name);
  }

  /** Drops everything this process created, template last. */
  async dropAll(): Promise<void> {
    const names = [...this.created].filter((n) => n !== this.templateName);
    for (const name of names) await this.drop(name);
    if (this.created.has(this.templateName)) await this.drop(this.templateName);
  }

  private async create(name: string, template?: string): Promise<void> {
    if (!isScratchName(name)) throw new Error(`cronstorm: scratch database name "${name}" is invalid`);
    const from = template ? ` template "${template}"` : "";
    await withPgClient(this.server.url(), (c) => c.query(`create database "${name}"${from}`));
    this.created.add(name);
  }
}
