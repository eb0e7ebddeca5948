import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { initMain } from "../cli/init";
import { detectSettings } from "./detect-settings";
import { appModules } from "./module-graph";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const detectIn = (root: string, route: string, extra: string[] = []) =>
  detectSettings(appModules(join(root, route), root), root, extra.map((file) => ({ file: join(root, file), text: readFileSync(join(root, file), "utf8") })));

describe("what init reads from an app's code", () => {
  it("another app's own env names and bigint key, from the route and the modules it imports", () => {
    const found = detectIn(join(FIXTURES, "digest-app"), "app/api/cron/digest/route.ts");
    expect(found.lockKey?.source).toBe("71071071071n");
    expect(found.cronSecretEnv.name).toBe("DIGEST_CRON_SECRET");
    expect(found.databaseUrlEnv).toEqual({ name: "DIGEST_DATABASE_URL", from: "lib/db.ts" });
    expect(found.openaiBaseUrlEnv.name).toBe("DIGEST_OPENAI_BASE_URL");
    expect(found.phase94cTables).toBe(false);
  });

  it("a hashtext key, and phase 94c's defaults where the app names nothing else", () => {
    const found = detectIn(join(FIXTURES, "lock-forms"), "route.ts");
    expect(found.lockKey?.source).toBe('{ hashtext: "cronstorm:lock-forms" }');
    expect(found.cronSecretEnv.name).toBe("CRON_SECRET");
  });

  it("the database env of a Prisma app from its schema.prisma", () => {
    const found = detectIn(join(FIXTURES, "prisma-app"), "app/api/cron/background-jobs/route.ts", ["prisma/schema.prisma"]);
    expect(found.lockKey?.source).toBe("63063063063n");
    expect(found.databaseUrlEnv.name).toBe("DATABASE_URL");
    expect(found.databaseUrlEnv.from).toBeDefined();
  });

  it("follows aliases declared in an extended config (a list, a package's among them), longest prefix first", () => {
    const root = mkdtempSync(join(tmpdir(), "cronstorm-init-"));
    const write = (file: string, text: string) => (mkdirSync(dirname(join(root, file)), { recursive: true }), writeFileSync(join(root, file), text));
    try {
      write("tsconfig.json", `{ // as a monorepo app's
  "extends": ["@acme/tsconfig/next.json", "./config/tsconfig.paths.json"],
  "compilerOptions": { "strict": true, },
}`);
      write("node_modules/@acme/tsconfig/next.json", `{ "compilerOptions": { "jsx": "preserve" } }`);
      // No baseUrl: the paths are relative to this file, not to the app's root.
      write("config/tsconfig.paths.json", `{ "compilerOptions": { "paths": { "@/*": ["../src/*"], "@/lib/db": ["../src/database/client.ts"] } } }`);
      write("app/api/cron/jobs/route.ts", `import { pool } from "@/lib/db";\nimport { LOCK_KEY } from "@/lib/jobs";\nexport async function GET() { return new Response(String([pool, LOCK_KEY])); }\n`);
      write("src/lib/jobs.ts", `export const LOCK_KEY = 81081081081n;\nexport const lock = (db: { query(sql: string, p: unknown[]): unknown }) => db.query("select pg_try_advisory_lock($1)", [LOCK_KEY]);\n`);
      // What "@/*" alone would reach for "@/lib/db": the longer "@/lib/db" must win, as in tsc.
      write("src/lib/db.ts", "export const pool = process.env.NOT_THIS_DATABASE_URL;\n");
      write("src/database/client.ts", `import pg from "pg";\nexport const pool = new pg.Pool({ connectionString: process.env.ACME_DATABASE_URL });\n`);
      const found = detectIn(root, "app/api/cron/jobs/route.ts");
      expect(found.lockKey?.source).toBe("81081081081n");
      expect(found.databaseUrlEnv).toEqual({ name: "ACME_DATABASE_URL", from: "src/database/client.ts" });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("no key declared: undefined, so the config says TODO instead of guessing", () => {
    const root = mkdtempSync(join(tmpdir(), "cronstorm-init-"));
    try {
      // A lock's timeout and a number in a comment are not its key.
      writeFileSync(join(root, "route.ts"), "const LOCK_TIMEOUT_MS = 30000; // lock held at most 3600 s\nexport async function GET() { return new Response('ok'); }\n");
      expect(detectIn(root, "route.ts").lockKey).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("cronstorm init", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const quiet = () => ({ info: vi.spyOn(console, "info").mockImplementation(() => undefined), error: vi.spyOn(console, "error").mockImplementation(() => undefined) });
  const route = (name: string) => {
    mkdirSync(join(root, "app/api/cron", name), { recursive: true });
    writeFileSync(join(root, "app/api/cron", name, "route.ts"), `const LOCK_KEY = 4242n;\nexport async function GET() { return new Response(String(LOCK_KEY)); }\n`);
  };

  it("asks which route when there are several, and writes nothing", async () => {
    root = mkdtempSync(join(tmpdir(), "cronstorm-init-"));
    route("a");
    route("b");
    const console = quiet();
    expect(await initMain([], root)).toBe(2);
    expect(console.error.mock.calls.flat().join("\n")).toMatch(/2 cron routes found.*--route app\/api\/cron\/a\/route\.ts/s);
    vi.restoreAllMocks();
  });

  it("writes the config once and refuses to overwrite it", async () => {
    root = mkdtempSync(join(tmpdir(), "cronstorm-init-"));
    route("jobs");
    quiet();
    expect(await initMain([], root)).toBe(0);
    const written = readFileSync(join(root, "cronstorm.config.ts"), "utf8");
    expect(written).toContain("lockKey: 4242n,");
    writeFileSync(join(root, "cronstorm.config.ts"), "// mine\n");
    expect(await initMain([], root)).toBe(2);
    expect(readFileSync(join(root, "cronstorm.config.ts"), "utf8")).toBe("// mine\n");
    vi.restoreAllMocks();
  });
});
