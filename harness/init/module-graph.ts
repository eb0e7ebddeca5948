import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** `compilerOptions.paths` of the app's tsconfig.json, e.g. `"@/*": ["./src/*"]`, resolved to absolute prefixes. */
export function tsconfigAliases(root: string): Array<{ prefix: string; targets: string[] }> {
  const file = join(root, "tsconfig.json");
  if (!existsSync(file)) return [];
  let options: { baseUrl?: string; paths?: Record<string, string[]> };
  try {
    options = (JSON.parse(withoutJsoncExtras(readFileSync(file, "utf8"))) as { compilerOptions?: typeof options }).compilerOptions ?? {};
  } catch {
    return [];
  }
  const base = resolve(root, options.baseUrl ?? ".");
  return Object.entries(options.paths ?? {}).map(([pattern, targets]) => ({
    prefix: pattern.replace(/\*$/, ""),
    targets: targets.map((t) => resolve(base, t.replace(/\*$/, ""))),
  }));
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
