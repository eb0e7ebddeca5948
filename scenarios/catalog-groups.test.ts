import { describe, expect, it } from "vitest";
import { CATALOG, CATALOG_GROUPS } from "./catalog";

describe("the fault catalog's test files", () => {
  it("run every entry exactly once between them", () => {
    const grouped = Object.values(CATALOG_GROUPS).flat();
    expect([...grouped].sort()).toEqual(CATALOG.map((s) => s.name).sort());
  });
});
