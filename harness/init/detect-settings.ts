import { relative } from "node:path";

/** What `cronstorm init` could read from the app's code, each with the file it came from. */
export interface DetectedSettings {
  /** The config's `lockKey` as TypeScript source (`63063063063n`, `[7, 42]`, `{ hashtext: "cron:jobs" }`), or undefined. */
  lockKey?: { source: string; from: string };
  /** The route takes a transaction-level lock (`pg_try_advisory_xact_lock`). */
  transactionLock: boolean;
  cronSecretEnv: { name: string; from?: string };
  databaseUrlEnv: { name: string; from?: string };
  openaiBaseUrlEnv: { name: string; from?: string };
  /** The app reads phase 94c's env names (BACKGROUND_JOB_CRON_TIME_BUDGET_MS, …): the default appEnv fits. */
  phase94cEnv: boolean;
  /** The app's SQL names phase 94c's tables (background_jobs, …): the default jobs adapter fits. */
  phase94cTables: boolean;
}

type Module = { file: string; text: string };

const TRY_LOCK = String.raw`pg_try_advisory(?:_xact)?_lock\s*\(\s*`;

/** Reads the lock key, env names and schema from the route and the app modules it imports. */
export function detectSettings(modules: Module[], root: string, extraTexts: Module[] = []): DetectedSettings {
  const where = (m: Module) => relative(root, m.file);
  const all = [...modules, ...extraTexts];
  return {
    lockKey: detectLockKey(modules, where),
    transactionLock: modules.some((m) => /pg_try_advisory_xact_lock/.test(m.text)),
    cronSecretEnv: detectEnv(all, /process\.env(?:\.|\[\s*["'])(\w*SECRET\w*)/g, (n) => /CRON/.test(n), "CRON_SECRET", where),
    databaseUrlEnv: detectEnv(all, /(?:process\.env(?:\.|\[\s*["'])|env\(\s*["'])(\w*(?:DATABASE|POSTGRES|PG)\w*URL\w*)/g, () => true, "DATABASE_URL", where),
    openaiBaseUrlEnv: detectEnv(all, /process\.env(?:\.|\[\s*["'])(\w*OPENAI\w*BASE\w*URL\w*)/g, () => true, "OPENAI_BASE_URL", where),
    phase94cEnv: all.some((m) => m.text.includes("BACKGROUND_JOB_CRON_TIME_BUDGET_MS")),
    phase94cTables: all.some((m) => /\bbackground_jobs\b/.test(m.text)),
  };
}

function detectLockKey(modules: Module[], where: (m: Module) => string): DetectedSettings["lockKey"] {
  const forms: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [new RegExp(`${TRY_LOCK}hashtext\\s*\\(\\s*'([^']+)'`), (m) => `{ hashtext: ${JSON.stringify(m[1])} }`],
    [new RegExp(`${TRY_LOCK}(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)`), (m) => `[${m[1]}, ${m[2]}]`],
    [new RegExp(`${TRY_LOCK}(-?\\d+)(?:::\\w+)?\\s*\\)`), (m) => `${m[1]}n`],
  ];
  for (const [pattern, source] of forms) {
    for (const m of modules) {
      const match = m.text.match(pattern);
      if (match) return { source: source(match), from: where(m) };
    }
  }
  // A key passed as a parameter: a constant declared under a lock-key name (LOCK_KEY, cronLockId, …) as
  // BigInt("…"), "…", 123n or a plain integer, in the route first, then in the modules that take advisory
  // locks. Only a declaration counts: a LOCK_TIMEOUT_MS or a number in a comment is not a key.
  const declaration = /(?:const|let|var)\s+\w*lock\w*(?:key|id)\w*\s*(?::[^=]+)?=\s*(?:BigInt\(\s*["']?(-?\d+)["']?\s*\)|["'](-?\d+)["']|(-?\d+)n?\b)/i;
  const candidates = [...modules.slice(0, 1), ...modules.slice(1).filter((m) => /advisory/.test(m.text))];
  for (const m of candidates) {
    const match = m.text.match(declaration);
    const digits = match?.[1] ?? match?.[2] ?? match?.[3];
    if (digits) return { source: `${digits}n`, from: where(m) };
  }
  return undefined;
}

function detectEnv(modules: Module[], pattern: RegExp, prefer: (name: string) => boolean, fallback: string, where: (m: Module) => string): { name: string; from?: string } {
  const found = modules.flatMap((m) => [...m.text.matchAll(pattern)].map((match) => ({ name: match[1] ?? "", from: where(m) })));
  const best = found.find((f) => prefer(f.name)) ?? found[0];
  return best ?? { name: fallback };
}
