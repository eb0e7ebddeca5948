import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `prepack`: compiles the library entries (harness/api/*.ts) to dist/ as plain JavaScript with declarations.
 * tsc emits every file the entries reach for their types, so this keeps only the JavaScript the entries
 * load at run time, and fails the build when that reaches anything but Node's builtins, vitest (a peer) or
 * its own files: a library entry that loaded the harness would need tsx in the user's process.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const ENTRIES = ["harness/api/index.js", "harness/api/vitest.js"];
const ALLOWED_PACKAGES = new Set(["vitest"]);

rmSync(DIST, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });

const keep = new Set<string>();
const queue = ENTRIES.map((entry) => join(DIST, entry));
while (queue.length > 0) {
  const file = queue.pop() as string;
  if (keep.has(file)) continue;
  if (!existsSync(file)) throw new Error(`build-library: ${relative(ROOT, file)} is imported but was not emitted`);
  keep.add(file);
  for (const specifier of importsOf(readFileSync(file, "utf8"))) {
    if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
    else if (!isBuiltin(specifier) && !ALLOWED_PACKAGES.has(specifier)) {
      throw new Error(`build-library: ${relative(DIST, file)} imports "${specifier}" at run time; the library entries may load only node builtins, vitest and their own files`);
    }
  }
}

for (const file of walk(DIST)) {
  if (file.endsWith(".js") && !keep.has(file)) rmSync(file);
  // Declarations keep the sources' extensionless specifiers; Node16 resolution needs them spelled out.
  if (file.endsWith(".d.ts")) writeFileSync(file, withJsExtensions(file, readFileSync(file, "utf8")));
}
console.info(`build-library: ${keep.size} runtime files, declarations for the public types, in ${relative(ROOT, DIST)}/`);

function importsOf(source: string): string[] {
  const patterns = [/^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm, /^\s*import\s*["']([^"']+)["']/gm, /import\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? ""));
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(specifier);
}

function withJsExtensions(file: string, text: string): string {
  return text.replace(/(from\s*["']|import\(\s*["'])(\.{1,2}\/[^"']+?)(["'])/g, (match, head: string, specifier: string, tail: string) => {
    if (/\.(js|mjs|cjs|json)$/.test(specifier)) return match;
    const base = resolve(dirname(file), specifier);
    if (existsSync(`${base}.d.ts`)) return `${head}${specifier}.js${tail}`;
    if (existsSync(join(base, "index.d.ts"))) return `${head}${specifier}/index.js${tail}`;
    return match;
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
