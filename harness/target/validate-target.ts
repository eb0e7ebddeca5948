import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { srcRunnerEnv } from "./app-env";
import { closeSrcPools, usesSrcPools } from "./instances/shared-instance";
import { srcJobs } from "./adapters";
import { SQL_FAULT_SITES, type JobsAdapter } from "./jobs-adapter";
import { CATALOG } from "../../scenarios/catalog";
import { catalogUnavailable } from "./availability";
import { validateKnownBreaks, validateKnownSurvives } from "./known-outcomes";
import { INT64_RANGE, LOCK_KEY_ACCEPTS, parseLockKey } from "./lock-key";
import type { Target, TargetConfig } from "./target";

/** A config the harness refuses: the CLI prints it and exits 2 before anything starts. */
export class TargetConfigError extends Error {
  override readonly name = "TargetConfigError";
}

const FIELDS: Record<keyof TargetConfig, string> = {
  name: "a non-empty name for reports",
  module: "a route file exporting GET(request)",
  url: "the cron route's http:// or https:// URL",
  lockKey: "the advisory lock key",
  cronSecretEnv: "the env var holding the cron secret",
  databaseUrlEnv: "the env var holding the database URL",
  openaiBaseUrlEnv: "the env var holding the OpenAI base URL",
  appEnv: "settings => env for the app",
  jobs: "the jobs-table adapters",
  resetModuleState: "module state reset between scenarios",
  knownBreaks: "catalog entries the app is known not to survive: why, and the checks that catch it",
  knownSurvives: "catalog entries that break every session lock but not this app, with why",
};
const JOBS_FUNCTIONS = ["migrate", "seed", "readJobs", "readAttempts", "readRuns"] as const;
const JOBS_FIELDS = [...JOBS_FUNCTIONS, "faultSites", "poison"];
const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Checks a config and fills in its defaults. Every problem is collected and reported at once, each
 * naming its field and what the field accepts. `baseDir` resolves a relative `module`.
 */
export function validateTarget(config: unknown, source: string, baseDir: string): Target {
  const problems: string[] = [];
  // `got` is the value found, when there is one worth showing (missing shows as "nothing").
  const problem: Problem = (field, message, ...got) => void problems.push(`${field}: ${message}${got.length > 0 ? `; got ${describe(got[0])}` : ""}`);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new TargetConfigError(`cronstorm: target config ${source} must default-export defineTarget({ name, module | url, lockKey, cronSecretEnv, … }); got ${describe(config)}`);
  }
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!Object.hasOwn(FIELDS, key)) problem(key, `is not a target field; accepted: ${Object.keys(FIELDS).join(", ")}`);
  }

  if (typeof c.name !== "string" || c.name.trim() === "") problem("name", FIELDS.name, c.name);
  const hasModule = c.module !== undefined;
  const hasUrl = c.url !== undefined;
  if (hasModule === hasUrl) problem("module/url", "set exactly one: module (a route file exporting GET(request), relative to the config) or url (http:// or https://)");
  let modulePath: string | undefined;
  if (hasModule) {
    if (typeof c.module !== "string" || !MODULE_EXTENSIONS.some((ext) => (c.module as string).endsWith(ext))) {
      problem("module", `must be a path to a ${MODULE_EXTENSIONS.join(", ")} file`, c.module);
    } else {
      modulePath = isAbsolute(c.module) ? c.module : resolve(baseDir, c.module);
      if (!existsSync(modulePath) || !statSync(modulePath).isFile()) problem("module", `no such file ${modulePath}`);
    }
  }
  if (hasUrl && !isHttpUrl(c.url)) problem("url", "must be an http:// or https:// URL, e.g. http://127.0.0.1:3000/api/cron/background-jobs", c.url);
  const lockKey = parseLockKey(c.lockKey);
  if (lockKey === undefined) {
    problem("lockKey", `must be ${LOCK_KEY_ACCEPTS}; a bigint ${INT64_RANGE}`, c.lockKey);
  }
  if (typeof c.cronSecretEnv !== "string" || !ENV_NAME.test(c.cronSecretEnv)) problem("cronSecretEnv", "must name an env var (letters, digits, underscore), e.g. CRON_SECRET", c.cronSecretEnv);
  for (const field of ["databaseUrlEnv", "openaiBaseUrlEnv"] as const) {
    if (c[field] !== undefined && (typeof c[field] !== "string" || !ENV_NAME.test(c[field]))) problem(field, "must name an env var (letters, digits, underscore)", c[field]);
  }
  for (const field of ["appEnv", "resetModuleState"] as const) {
    if (c[field] !== undefined && typeof c[field] !== "function") problem(field, "must be a function", c[field]);
  }
  if (hasUrl && c.resetModuleState !== undefined) problem("resetModuleState", "applies to module targets only; an HTTP target's module state is its own");
  if (c.jobs !== undefined) validateJobs(c.jobs, problem);
  if (c.knownBreaks !== undefined) validateKnownBreaks(c.knownBreaks, problem);
  if (c.knownSurvives !== undefined) validateKnownSurvives(c.knownSurvives, problem);

  if (problems.length > 0 || lockKey === undefined) {
    throw invalidConfig(source, problems);
  }
  const cfg = c as unknown as TargetConfig;
  const base = {
    name: cfg.name.trim(),
    source,
    builtIn: false,
    lockKey,
    env: { cronSecret: cfg.cronSecretEnv, databaseUrl: cfg.databaseUrlEnv ?? "DATABASE_URL", openaiBaseUrl: cfg.openaiBaseUrlEnv ?? "OPENAI_BASE_URL" },
    appEnv: cfg.appEnv ?? srcRunnerEnv,
    jobs: cfg.jobs ?? srcJobs,
    knownBreaks: cfg.knownBreaks ?? {},
    knownSurvives: cfg.knownSurvives ?? {},
  };
  if (modulePath) {
    // Only src/'s route is known to keep its state in src/'s pools; another app's reset is its own to
    // declare, and without it shared mode keeps the app's database URL fixed (module-stage.ts).
    const resetModuleState = cfg.resetModuleState ?? (usesSrcPools(modulePath) ? closeSrcPools : undefined);
    return declaredOutcomesRunnable({ ...base, kind: "module", module: modulePath, resetModuleState });
  }
  return declaredOutcomesRunnable({ ...base, kind: "http", url: String(cfg.url) });
}

/** A declared catalog outcome this target can never run would never be checked, and the list could not stay true. */
function declaredOutcomesRunnable(target: Target): Target {
  const declared = [...Object.keys(target.knownBreaks).map((n) => ["knownBreaks", n] as const), ...Object.keys(target.knownSurvives).map((n) => ["knownSurvives", n] as const)];
  const problems = declared.flatMap(([field, name]) => {
    const spec = CATALOG.find((s) => s.name === name);
    const why = spec && catalogUnavailable(spec, target);
    return why ? [`${field}.${name}: this entry cannot run on this target (${why}), so its outcome would never be checked`] : [];
  });
  if (problems.length > 0) throw invalidConfig(target.source, problems);
  return target;
}

/** Every problem of a config at once, each with its field, and that nothing started. */
function invalidConfig(source: string, problems: string[]): TargetConfigError {
  return new TargetConfigError(`cronstorm: target config ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}\nNothing was started.`);
}

type Problem = (field: string, message: string, ...got: [unknown?]) => void;

function validateJobs(jobs: unknown, problem: Problem): void {
  if (typeof jobs !== "object" || jobs === null) return problem("jobs", `must be an object with ${JOBS_FUNCTIONS.join(", ")}`, jobs);
  const j = jobs as Record<keyof JobsAdapter, unknown>;
  for (const key of Object.keys(j)) {
    if (!JOBS_FIELDS.includes(key)) problem(`jobs.${key}`, `is not a jobs field; accepted: ${JOBS_FIELDS.join(", ")}`);
  }
  for (const fn of JOBS_FUNCTIONS) if (typeof j[fn] !== "function") problem(`jobs.${fn}`, "must be a function", j[fn]);
  if (j.faultSites !== undefined) {
    if (typeof j.faultSites !== "object" || j.faultSites === null) {
      problem("jobs.faultSites", `must be an object keyed by ${SQL_FAULT_SITES.join(", ")}`, j.faultSites);
    } else {
      for (const [site, value] of Object.entries(j.faultSites)) {
        const field = `jobs.faultSites.${site}`;
        if (!(SQL_FAULT_SITES as readonly string[]).includes(site)) problem(field, `is not a fault site; accepted: ${SQL_FAULT_SITES.join(", ")}`);
        const v = (value ?? {}) as Record<string, unknown>;
        if (typeof v.table !== "string" || !SQL_NAME.test(v.table)) problem(`${field}.table`, "must be a table name (optionally schema.table)", v.table);
        if (v.event !== "insert" && v.event !== "update") problem(`${field}.event`, 'must be "insert" or "update"', v.event);
        if (v.when !== undefined && (typeof v.when !== "string" || v.when.trim() === "")) problem(`${field}.when`, "must be a SQL condition on old/new, e.g. new.status = 'done'", v.when);
      }
    }
  }
  if (j.poison !== undefined) {
    const p = (j.poison ?? {}) as Record<string, unknown>;
    if (typeof p.error !== "string" || p.error === "") problem("jobs.poison.error", "must be the (start of the) error a poison job's attempt records", p.error);
    if (typeof p.heal !== "function") problem("jobs.poison.heal", "must be a function (db) => repairs the poison jobs", p.heal);
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  if (typeof value === "number") return `${value} (a number)`;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a ${typeof value} that JSON cannot show`;
  }
}
