import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "../db/embedded-server";
import { isScratchName } from "../db/scratch";
import type { HttpTarget } from "./target";
import { TargetConfigError } from "./validate-target";

/** What an app you started was given, read from the same env vars in the harness's own environment. */
export interface HttpAppEnv {
  databaseUrl: string;
  databaseName: string;
  cronSecret: string;
  /** Where the OpenAI bridge must listen: the host and port of the app's OpenAI base URL. */
  bridge: { host: string; port: number };
  /** CRONSTORM_DB: the app's server (`url`), or PostgreSQL the harness starts on that URL's port (`embedded`). */
  server: "url" | "embedded";
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * An HTTP target runs with the env it was started with, so the harness reads the same variables (names
 * from the target) and fits itself to them: it re-creates the app's database before every scenario,
 * sends its cron secret, and serves the OpenAI mock where the app's base URL points. Every problem is
 * reported at once, naming the variable and what it accepts, before anything starts.
 */
export function readHttpAppEnv(target: HttpTarget, env: NodeJS.ProcessEnv = process.env): HttpAppEnv {
  const problems: string[] = [];
  const names = target.env;
  const server = env.CRONSTORM_DB?.trim() || "url";
  if (server !== "url" && server !== "embedded") {
    problems.push(`CRONSTORM_DB=${server}: an HTTP target's app reaches the database at its own ${names.databaseUrl}; use url (a server you run) or embedded (the harness starts PostgreSQL on that URL's port)`);
  }

  let databaseUrl = "";
  let databaseName = "";
  const rawDb = env[names.databaseUrl]?.trim();
  const dbUrl = parseUrl(rawDb);
  if (!dbUrl || !["postgres:", "postgresql:"].includes(dbUrl.protocol)) {
    problems.push(`${names.databaseUrl} (the target's databaseUrlEnv) must be the postgres:// URL your app was started with; got ${rawDb ? JSON.stringify(rawDb) : "nothing"}`);
  } else {
    databaseUrl = dbUrl.toString();
    databaseName = decodeURIComponent(dbUrl.pathname.slice(1));
    if (!isScratchName(databaseName)) {
      problems.push(`${names.databaseUrl} names database "${databaseName}": the harness drops and re-creates it before every scenario, so its name must start with cronstorm_ (lowercase letters, digits, _), e.g. …/cronstorm_myapp`);
    }
    if (server === "embedded") {
      const ok = LOOPBACK.has(dbUrl.hostname) && dbUrl.port !== "" && decodeURIComponent(dbUrl.username) === EMBEDDED_USER && decodeURIComponent(dbUrl.password) === EMBEDDED_PASSWORD;
      if (!ok) problems.push(`${names.databaseUrl} with CRONSTORM_DB=embedded must be postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:<port>/cronstorm_<name>: the harness starts PostgreSQL on that port with that role`);
    }
  }

  const cronSecret = env[names.cronSecret] ?? "";
  if (cronSecret === "") problems.push(`${names.cronSecret} (the target's cronSecretEnv) must be set to the secret your app was started with; the harness sends it as Bearer`);

  let bridge = { host: "127.0.0.1", port: 0 };
  const rawOpenai = env[names.openaiBaseUrl]?.trim();
  const openaiUrl = parseUrl(rawOpenai);
  if (!openaiUrl || openaiUrl.protocol !== "http:" || !LOOPBACK.has(openaiUrl.hostname) || openaiUrl.port === "") {
    problems.push(`${names.openaiBaseUrl} (the target's openaiBaseUrlEnv) must be a loopback http URL with a port, e.g. http://127.0.0.1:4010/v1: your app sends its OpenAI calls there and the harness serves its mock there; got ${rawOpenai ? JSON.stringify(rawOpenai) : "nothing"}`);
  } else {
    bridge = { host: openaiUrl.hostname.replace(/^\[|\]$/g, ""), port: Number(openaiUrl.port) };
  }

  if (problems.length > 0) {
    throw new TargetConfigError(`cronstorm: HTTP target "${target.name}" (${target.url}) cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}\nNothing was started. See README: "Point cronstorm at your app".`);
  }
  return { databaseUrl, databaseName, cronSecret, bridge, server: server as HttpAppEnv["server"] };
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
