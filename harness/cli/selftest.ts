import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { readFile, rm, rmdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pLimit from "p-limit";
import { markdownTable, textTable } from "../report/verdict-table";
import { publishReport, runIdOf } from "../report/write-report";
import { applyVariant } from "../selftest/apply-variant";
import { VARIANTS, type Variant } from "../selftest/variants";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK_DIR = join(ROOT, ".cronstorm", "variants");
/** The scenario suite: everything that exercises the app under test (not the harness's own unit tests). */
const DEFAULT_SUITE = ["scenarios/"];
/** Variants run side by side, each in its own copy of src/, its own PostgreSQL and its own ports. */
const DEFAULT_CONCURRENCY = 2;
const USAGE = `Usage: npm run selftest -- [--only a,b] [--variants <module>] [--suite <paths>] [--concurrency n]
Runs the scenario suite against every known-bad variant of src/ (harness/selftest/variants.ts)
and exits 1 if any variant survives.
  --only <names>      run only these variants
  --variants <file>   take the variants from this module's \`VARIANTS\` export instead
  --suite <paths>     comma-separated test paths to run per variant (default: scenarios/)
  --concurrency <n>   variants run at once, 1 to 4 (default ${DEFAULT_CONCURRENCY})`;

interface VariantOutcome {
  variant: Variant;
  caught: boolean;
  /** Wall time of the variant's suite run: a variant caught late is a hint the suite checks it weakly. */
  seconds: number;
  caughtBy: string[];
  /** Its expectedCatcher did not catch it; the rest of the suite did. The hint wants updating. */
  hintMissed?: string;
  error?: string;
}

async function main(): Promise<number> {
  let only: string[] | undefined;
  let variants: Variant[];
  let suite: string[];
  let concurrency: number;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        only: { type: "string" },
        variants: { type: "string" },
        suite: { type: "string" },
        concurrency: { type: "string", default: String(DEFAULT_CONCURRENCY) },
        help: { type: "boolean", default: false },
      },
      strict: true,
    });
    if (values.help) return void console.info(USAGE), 0;
    variants = values.variants ? await loadVariants(values.variants) : VARIANTS;
    suite = values.suite?.split(",").map((s) => s.trim()).filter(Boolean) ?? DEFAULT_SUITE;
    only = values.only?.split(",").map((s) => s.trim());
    concurrency = Number(values.concurrency);
    if (!/^[1-4]$/.test(values.concurrency)) throw new Error(`--concurrency must be a whole number from 1 to 4, got "${values.concurrency}"`);
    const isTestFile = (path: string) => path.endsWith(".test.ts") && existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile();
    const missing = variants.filter((v) => v.expectedCatcher !== undefined && !isTestFile(v.expectedCatcher));
    if (missing.length) throw new Error(`expectedCatcher names no test file for ${missing.map((v) => `${v.name} ("${v.expectedCatcher}")`).join(", ")}; it takes a *.test.ts path from the repository root, like "scenarios/burst.test.ts"`);
    const unknown = (only ?? []).filter((n) => !variants.some((v) => v.name === n));
    if (unknown.length) throw new Error(`--only names unknown variants ${unknown.join(", ")}; known: ${variants.map((v) => v.name).join(", ")}`);
  } catch (error) {
    console.error(`cronstorm: ${(error as Error).message}`);
    return 2;
  }
  const startedAt = new Date();
  const limit = pLimit(concurrency);
  // The table keeps the variants' order; the progress lines come as each variant finishes.
  const outcomes = await Promise.all(
    variants
      .filter((v) => !only || only.includes(v.name))
      .map((variant) =>
        limit(async () => {
          const outcome = await runVariant(variant, suite);
          process.stderr.write(`selftest: ${variant.name} … ${outcome.caught ? "caught" : "SURVIVED"} in ${outcome.seconds} s\n`);
          return outcome;
        }),
      ),
  );
  // Each variant removed its own copy; leave no empty working directory behind either.
  await rmdir(WORK_DIR).catch(() => undefined);
  const header = ["variant", "regression", "caught", "seconds", "caught by"];
  const rows = outcomes.map((o) => [o.variant.name, o.variant.what, o.caught ? "yes" : "NO", String(o.seconds), o.error ?? (o.hintMissed ? `not by ${o.hintMissed}: ` : "") + (o.caughtBy.slice(0, 4).join("; ") + (o.caughtBy.length > 4 ? ` (+${o.caughtBy.length - 4} more)` : ""))]);
  console.info(`\n${textTable(header, rows, 140)}\n`);
  const dir = await publishReport("selftest", `selftest-${runIdOf(startedAt)}`, {
    "selftest.json": `${JSON.stringify({ schemaVersion: 1, outcomes: outcomes.map((o) => ({ ...o, variant: o.variant.name })) }, null, 2)}\n`,
    "selftest.md": `# cronstorm self-test\n\n${markdownTable(header, rows)}\n`,
  });
  const missed = outcomes.filter((o) => o.hintMissed);
  // Caught all the same, but only after the whole suite: the hint in variants.ts wants updating.
  for (const o of missed) console.info(`note: ${o.variant.name} was not caught by its expectedCatcher ${o.hintMissed}; first failing test: ${o.caughtBy[0] ?? "?"}`);
  const survivors = outcomes.filter((o) => !o.caught);
  console.info(`Report: ${dir}/selftest.md`);
  console.info(survivors.length === 0 ? `VERDICT: all ${outcomes.length} variants caught` : `VERDICT: FAIL, ${survivors.length} variant(s) survived: ${survivors.map((s) => s.variant.name).join(", ")}`);
  return survivors.length === 0 ? 0 : 1;
}

async function runVariant(variant: Variant, suite: string[]): Promise<VariantOutcome> {
  const started = performance.now();
  const outcome = await runVariantSuite(variant, suite);
  return { ...outcome, variant, seconds: Math.round((performance.now() - started) / 1000) };
}

async function runVariantSuite(variant: Variant, suite: string[]): Promise<Omit<VariantOutcome, "variant" | "seconds">> {
  let root: string | undefined;
  try {
    root = await applyVariant(variant, join(ROOT, "src"), WORK_DIR);
    const env = { CRONSTORM_APP_DIR: join(root, "src"), CRONSTORM_FILE_ORDER: "cheapest-first" };
    // The file expected to catch it runs alone first: a caught variant needs no more. Otherwise the whole
    // suite runs (that file again too), so a stale hint costs time, never strength.
    // A hint outside --suite does not run, and so cannot be said to have missed.
    const hint = suite.some((path) => variant.expectedCatcher?.startsWith(path)) ? variant.expectedCatcher : undefined;
    if (hint) {
      const failed = await failedTests(root, "hint", [hint], env);
      if (failed.length > 0) return { caught: true, caughtBy: failed };
      process.stderr.write(`selftest: ${variant.name} … not caught by its expectedCatcher ${hint}; running the whole suite\n`);
    }
    const failed = await failedTests(root, "suite", suite, env);
    return { caught: failed.length > 0, caughtBy: failed, ...(hint && failed.length > 0 ? { hintMissed: hint } : {}) };
  } catch (error) {
    // A variant that cannot even be set up is not "caught": the gate must say so.
    return { caught: false, caughtBy: [], error: (error as Error).message };
  } finally {
    if (root) await rm(root, { recursive: true, force: true });
  }
}

/** Runs `paths` against the variant's copy, stopping at the first failure, and names the tests that failed. */
async function failedTests(root: string, pass: string, paths: string[], env: Record<string, string>): Promise<string[]> {
  const resultFile = join(root, `vitest-${pass}.json`);
  await vitest(["run", ...paths, "--bail=1", "--no-cache", "--reporter=json", `--outputFile=${resultFile}`], env);
  const result = JSON.parse(await readFile(resultFile, "utf8")) as { testResults: { assertionResults: { fullName: string; status: string }[] }[] };
  return result.testResults.flatMap((file) => file.assertionResults.filter((t) => t.status === "failed").map((t) => t.fullName));
}

/** `--variants <file>`: a module exporting VARIANTS, each checked for the fields a variant needs. */
async function loadVariants(file: string): Promise<Variant[]> {
  const loaded = (await import(pathToFileURL(resolve(file)).href)) as { VARIANTS?: unknown };
  const list = loaded.VARIANTS;
  const valid = (v: unknown): v is Variant =>
    typeof v === "object" && v !== null && typeof (v as Variant).name === "string" && typeof (v as Variant).what === "string" && Array.isArray((v as Variant).patches);
  if (!Array.isArray(list) || list.length === 0 || !list.every(valid)) {
    throw new Error(`--variants ${file} must export VARIANTS: a non-empty array of { name, what, patches: [{ file, find, replace }] }`);
  }
  return list;
}

function vitest(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, CI: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    // vitest exits 1 when tests fail, which is what a caught variant looks like; anything else is an error.
    child.on("exit", (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`vitest exited ${code}: ${stderr.slice(-500)}`))));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
