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

/** One `paths` entry: `"@/*": ["./src/*"]` has prefix "@/", suffix "", and absolute targets still holding their `*`. */
export interface Alias {
  prefix: string;
  suffix: string;
  /** Without a `*` the pattern matches only the exact specifier. */
  wildcard: boolean;
  targets: string[];
}

/** How the app's tsconfig maps non-relative imports: its `paths`, and `baseUrl` for what no pattern maps. */
export interface ModuleMapping {
  aliases: Alias[];
  baseUrl?: string;
}

/**
 * `compilerOptions.paths` and `baseUrl` of the app's tsconfig.json, followed through `extends` (a
 * relative path or a package's tsconfig, one or a list), since monorepos keep their paths in a shared
 * base config. Targets resolve against baseUrl, else against the config that declares the paths;
 * `${configDir}` is the app's own tsconfig's directory, as in TypeScript 5.5.
 */
export function tsconfigMapping(root: string): ModuleMapping {
  const options = aliasOptions(join(root, "tsconfig.json"), [], root);
  if (!options.paths) return { aliases: [], baseUrl: options.baseUrl };
  const base = options.baseUrl ?? options.paths.dir;
  const aliases = Object.entries(options.paths.patterns).map(([pattern, targets]) => {
    const star = pattern.indexOf("*");
    return {
      prefix: star < 0 ? pattern : pattern.slice(0, star),
      suffix: star < 0 ? "" : pattern.slice(star + 1),
      wildcard: star >= 0,
      targets: targets.map((t) => resolve(base, t)),
    };
  });
  return { aliases, baseUrl: options.baseUrl };
}

/**
 * The alias options a config file ends up with: its bases' first, in order, then its own on top.
 * `chain`: the configs that extend this one, so a cycle ends while a base two branches share is read
 * for each (a later branch may override what an earlier one set). `configDir`: the app's own config's
 * directory, what `${configDir}` stands for in any of them.
 */
function aliasOptions(file: string, chain: string[], configDir: string): AliasOptions {
  if (chain.includes(file) || !existsSync(file)) return {};
  let config: TsconfigFile;
  try {
    config = JSON.parse(withoutJsoncExtras(readFileSync(file, "utf8"))) as TsconfigFile;
  } catch {
    return {};
  }
  const bases = [config.extends ?? []].flat().map((spec) => extendedConfig(spec, dirname(file)));
  const inherited = bases.reduce<AliasOptions>((merged, base) => ({ ...merged, ...(base ? aliasOptions(base, [...chain, file], configDir) : {}) }), {});
  const own = config.compilerOptions ?? {};
  const expand = (path: string) => path.replaceAll("${configDir}", configDir);
  const paths = own.paths && Object.fromEntries(Object.entries(own.paths).map(([pattern, targets]) => [pattern, targets.map(expand)]));
  return {
    ...inherited,
    ...(own.baseUrl !== undefined ? { baseUrl: resolve(dirname(file), expand(own.baseUrl)) } : {}),
    ...(paths !== undefined ? { paths: { patterns: paths, dir: dirname(file) } } : {}),
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
  const mapping = tsconfigMapping(root);
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
      const next = resolveSpecifier(specifier ?? "", dirname(file), mapping);
      if (next && !next.includes("node_modules")) queue.push(next);
    }
  }
  return modules;
}

function resolveSpecifier(specifier: string, fromDir: string, { aliases, baseUrl }: ModuleMapping): string | undefined {
  // An ESM import names the emitted .js; the source is .ts.
  const source = specifier.replace(/\.js$/, "");
  if (specifier.startsWith(".")) return existingFile(resolve(fromDir, source));
  const alias = bestAlias(source, aliases);
  const matched = alias && source.slice(alias.prefix.length, source.length - alias.suffix.length);
  // Only the best pattern's targets, in order: tsc does not fall back to a shorter pattern.
  for (const target of alias?.targets ?? []) {
    const found = existingFile(target.replace("*", matched ?? ""));
    if (found) return found;
  }
  // Then baseUrl, as tsc does for a non-relative import the paths did not resolve (`import "lib/db"`).
  return baseUrl === undefined ? undefined : existingFile(resolve(baseUrl, source));
}

/** The pattern tsc picks for a specifier: an exact one, else the wildcard with the longest prefix. */
function bestAlias(specifier: string, aliases: Alias[]): Alias | undefined {
  const exact = aliases.find((a) => !a.wildcard && a.prefix === specifier);
  if (exact) return exact;
  const matches = aliases.filter(
    (a) => a.wildcard && specifier.length >= a.prefix.length + a.suffix.length && specifier.startsWith(a.prefix) && specifier.endsWith(a.suffix),
  );
  return matches.sort((a, b) => b.prefix.length - a.prefix.length)[0];
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
