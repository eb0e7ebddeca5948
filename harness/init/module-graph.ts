import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

interface TsconfigFile {
  extends?: string | string[];
  compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
}

/** What aliases depend on, each resolved against the config file that set it (as tsc does). */
interface AliasOptions {
  baseUrl?: string;
  paths?: { patterns: Record<string, string[]>; dir: string };
}

/**
 * `compilerOptions.paths` of the app's tsconfig.json, e.g. `"@/*": ["./src/*"]`, resolved to absolute
 * prefixes, longest prefix first (the match tsc picks). Followed through `extends` (a relative path or
 * a package's tsconfig, one or a list), since monorepos keep their paths in a shared base config.
 */
export function tsconfigAliases(root: string): Array<{ prefix: string; targets: string[] }> {
  const options = aliasOptions(join(root, "tsconfig.json"), new Set());
  if (!options.paths) return [];
  // Without baseUrl, paths are relative to the config that declares them.
  const base = options.baseUrl ?? options.paths.dir;
  return Object.entries(options.paths.patterns)
    .map(([pattern, targets]) => ({ prefix: pattern.replace(/\*$/, ""), targets: targets.map((t) => resolve(base, t.replace(/\*$/, ""))) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The alias options a config file ends up with: its bases' first, in order, then its own on top. */
function aliasOptions(file: string, seen: Set<string>): AliasOptions {
  if (seen.has(file) || !existsSync(file)) return {};
  seen.add(file);
  let config: TsconfigFile;
  try {
    config = JSON.parse(withoutJsoncExtras(readFileSync(file, "utf8"))) as TsconfigFile;
  } catch {
    return {};
  }
  const bases = [config.extends ?? []].flat().map((spec) => extendedConfig(spec, dirname(file)));
  const inherited = bases.reduce<AliasOptions>((merged, base) => ({ ...merged, ...(base ? aliasOptions(base, seen) : {}) }), {});
  const own = config.compilerOptions ?? {};
  return {
    ...inherited,
    ...(own.baseUrl !== undefined ? { baseUrl: resolve(dirname(file), own.baseUrl) } : {}),
    ...(own.paths !== undefined ? { paths: { patterns: own.paths, dir: dirname(file) } } : {}),
  };
}

/** The file an `extends` names: relative to the config, or a package's (`@tsconfig/next`, `pkg/tsconfig.base.json`). */
function extendedConfig(spec: string, fromDir: string): string | undefined {
  const candidates = spec.startsWith(".") || spec.startsWith("/") ? [resolve(fromDir, spec)] : nodeModulesDirs(fromDir).map((dir) => join(dir, spec));
  for (const candidate of candidates) {
    for (const file of [candidate, `${candidate}.json`, join(candidate, "tsconfig.json")]) {
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
  }
  return undefined;
}

function nodeModulesDirs(fromDir: string): string[] {
  const dirs: string[] = [];
  for (let dir = fromDir; ; dir = dirname(dir)) {
    dirs.push(join(dir, "node_modules"));
    if (dirname(dir) === dir) return dirs;
  }
}

const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.js"];

function existingFile(base: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * The route module and the app's own modules it reaches (relative and aliased imports, not packages),
 * breadth first, up to `limit` files: where the lock call, the secret check and the database client live.
 */
export function appModules(entry: string, root: string, limit = 60): Array<{ file: string; text: string }> {
  const aliases = tsconfigAliases(root);
  const seen = new Set<string>();
  const queue = [entry];
  const modules: Array<{ file: string; text: string }> = [];
  while (queue.length > 0 && modules.length < limit) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    modules.push({ file, text });
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const next = resolveSpecifier(specifier ?? "", dirname(file), aliases);
      if (next && !next.includes("node_modules")) queue.push(next);
    }
  }
  return modules;
}

function resolveSpecifier(specifier: string, fromDir: string, aliases: ReturnType<typeof tsconfigAliases>): string | undefined {
  if (specifier.startsWith(".")) return existingFile(resolve(fromDir, specifier.replace(/\.js$/, "")));
  for (const { prefix, targets } of aliases) {
    if (prefix === "" || !specifier.startsWith(prefix)) continue;
    for (const target of targets) {
      const found = existingFile(join(target, specifier.slice(prefix.length)));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * tsconfig.json is JSONC: comments and trailing commas. Strips both outside strings ("@/*" and "**\/*.ts"
 * hold comment-like pairs), so JSON.parse reads it.
 */
export function withoutJsoncExtras(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (char === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i += 1;
      out += "\n";
    } else if (char === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1 || text.length;
    } else out += char;
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === "\\") i += 1;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
