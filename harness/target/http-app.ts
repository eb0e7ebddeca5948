import type { ScratchDatabases } from "../db/scratch";
import { serveHandlersOverHttp } from "../openai/http-bridge";
import type { OpenAIMock } from "../openai/mock-openai";
import type { AppSettings } from "./app-env";

/** The production run settings an app was started with. */
export type RunSettings = Pick<AppSettings, "concurrency" | "budgetMs" | "safetyBufferMs" | "openaiTimeoutMs" | "openaiMaxRetries">;

/**
 * What an HTTP target's app was started with and the harness must therefore keep fixed: one database
 * name (re-created from the template before every scenario), one cron secret, and one OpenAI bridge
 * address that serves each scenario's mock in turn.
 */
export interface HttpApp {
  readonly databaseName: string;
  readonly databaseUrl: string;
  readonly cronSecret: string;
  /** Where the app must send its OpenAI calls. */
  readonly openaiBaseUrl: string;
  /** The settings the app runs with, when the harness started it; undefined when someone else did. */
  readonly settings: RunSettings | undefined;
  /** Drops the app's database and clones the template into it again. */
  freshDatabase(): Promise<{ name: string; url: string }>;
  /** The mock the bridge answers with from now on (undefined: none, every call gets 404). */
  serve(openai: OpenAIMock | undefined): void;
  close(): Promise<void>;
}

export async function openHttpApp(options: {
  scratch: ScratchDatabases;
  databaseName: string;
  cronSecret: string;
  /** Pinned bridge address (the app was started before the harness); default a free loopback port. */
  listen?: { host: string; port: number };
  settings?: RunSettings;
}): Promise<HttpApp> {
  let current: OpenAIMock | undefined;
  const bridge = await serveHandlersOverHttp(() => current?.handlers() ?? [], options.listen);
  const { scratch, databaseName } = options;
  return {
    databaseName,
    databaseUrl: scratch.server.url(databaseName),
    cronSecret: options.cronSecret,
    openaiBaseUrl: bridge.baseUrl,
    settings: options.settings,
    freshDatabase: () => scratch.recreate(databaseName),
    serve: (openai) => void (current = openai),
    async close() {
      try {
        await bridge.close();
      } finally {
        await scratch.drop(databaseName);
      }
    },
  };
}
