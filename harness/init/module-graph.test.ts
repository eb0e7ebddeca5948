import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { appModules } from "./module-graph";

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes the app's files, then lists the modules init reaches from `route.ts`, relative to the app. */
function reached(files: Record<string, string>): string[] {
  const app = (root = mkdtempSync(join(tmpdir(), "cronstorm-module-graph-")));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    writeFileSync(join(app, file), text);
  }
  return appModules(join(app, "route.ts"), app).map((m) => relative(app, m.file));
}

const paths = (patterns: Record<string, string[]>, extra = {}) => JSON.stringify({ compilerOptions: { paths: patterns, ...extra } });

describe("which of the app's modules init follows, with TypeScript's path mapping", () => {
  it("an exact pattern matches only its own specifier, not what starts with it", () => {
    const found = reached({
      "tsconfig.json": paths({ "@acme/ui": ["./ui"] }),
      "route.ts": 'import "@acme/ui";\nimport "@acme/ui/button";\n',
      "ui/index.ts": "",
      // tsc resolves "@acme/ui/button" through no pattern here, so init must not read this.
      "ui/button.ts": "",
    });
    expect(found).toEqual(["route.ts", "ui/index.ts"]);
  });

  it("tries only the longest matching pattern's targets, as tsc does", () => {
    const found = reached({
      "tsconfig.json": paths({ "@/*": ["./src/*"], "@/lib/*": ["./lib/*"] }),
      "route.ts": 'import { db } from "@/lib/db";\n',
      // What "@/*" would give: tsc never falls back to it once "@/lib/*" matched.
      "src/lib/db.ts": "",
    });
    expect(found).toEqual(["route.ts"]);
  });

  it("reads ${configDir} in a shared base config as the app's own directory", () => {
    const found = reached({
      "tsconfig.json": JSON.stringify({ extends: "@acme/tsconfig/base.json" }),
      "node_modules/@acme/tsconfig/base.json": paths({ "@/*": ["${configDir}/src/*"] }),
      "route.ts": 'import "@/lib/jobs";\n',
      "src/lib/jobs.ts": "",
    });
    expect(found).toEqual(["route.ts", "src/lib/jobs.ts"]);
  });

  it("applies a base two extended configs share for each, so the later one's copy wins", () => {
    const found = reached({
      "tsconfig.json": JSON.stringify({ extends: ["./a.json", "./b.json"] }),
      "a.json": JSON.stringify({ extends: "./shared.json", compilerOptions: { paths: { "@/*": ["./a-src/*"] } } }),
      "b.json": JSON.stringify({ extends: "./shared.json" }),
      "shared.json": paths({ "@/*": ["./shared-src/*"] }),
      "route.ts": 'import "@/x";\n',
      "a-src/x.ts": "",
      "shared-src/x.ts": "",
    });
    expect(found).toEqual(["route.ts", "shared-src/x.ts"]);
  });

  it("resolves what no pattern maps against baseUrl, and an aliased .js import to its .ts source", () => {
    const found = reached({
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./src/*"] } } }),
      "route.ts": 'import "lib/db";\nimport "@/jobs.js";\nimport "pg";\n',
      "lib/db.ts": "",
      "src/jobs.ts": "",
    });
    expect(found).toEqual(["route.ts", "lib/db.ts", "src/jobs.ts"]);
  });

  it("ends an extends cycle instead of looping", () => {
    const found = reached({
      "tsconfig.json": JSON.stringify({ extends: "./base.json", compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
      "base.json": JSON.stringify({ extends: "./tsconfig.json" }),
      "route.ts": 'import "@/x";\n',
      "src/x.ts": "",
    });
    expect(found).toEqual(["route.ts", "src/x.ts"]);
  });
});
