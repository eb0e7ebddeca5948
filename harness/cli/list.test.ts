import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CATALOG } from "../../scenarios/catalog";
import { DEFAULT_SCENARIOS } from "../../scenarios/index";
import { chaosMain } from "./chaos";
import type { ListedEntry } from "./list";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cronstorm-list-"));
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const listed = async (argv: string[]) => {
  const file = join(dir, "list.json");
  expect(await chaosMain(["--list", "--json", file, ...argv])).toBe(0);
  return JSON.parse(readFileSync(file, "utf8")) as { schemaVersion: number; kind: string; target: string; entries: ListedEntry[] };
};

describe("cronstorm list --json", () => {
  it("writes every scenario with what it proves, for src/", async () => {
    const list = await listed([]);
    expect(list).toMatchObject({ tool: "cronstorm", schemaVersion: 1, kind: "scenario-list" });
    expect(list.entries.map((e) => e.name)).toEqual(DEFAULT_SCENARIOS.map((s) => s.name));
    expect(list.entries.find((e) => e.name === DEFAULT_SCENARIOS[0]?.name)?.what).toBe(DEFAULT_SCENARIOS[0]?.proves);
    expect(list.entries.filter((e) => e.unavailable)).toEqual([]);
  });

  it("writes the catalog with each entry's expected outcome, and what a target cannot run", async () => {
    const list = await listed(["--catalog", "--target", "harness/fixtures/digest-app"]);
    expect(list.kind).toBe("catalog-list");
    expect(list.entries.map((e) => [e.name, e.expect])).toEqual(CATALOG.map((s) => [s.name, s.expect]));
    // The printed list and the file say the same: every entry the digest app cannot run carries its reason.
    const printed = vi.mocked(console.info).mock.calls.map(([line]) => String(line));
    const unavailable = list.entries.filter((e) => e.unavailable);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const e of unavailable) expect(printed.find((line) => line.startsWith(`${e.name} `))).toContain(`[unavailable for ${list.target}: ${e.unavailable}]`);
  });
});
