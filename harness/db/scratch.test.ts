import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { connectExternalServer } from "./external-server";
import { ScratchDatabases } from "./scratch";
import { selectedServerKind } from "./start-server";
import { withPgClient } from "./with-client";

const adminUrl = () => inject("cronstorm").adminUrl;
const databases = (url: string) =>
  withPgClient(url, async (c) => (await c.query<{ datname: string }>("select datname from pg_database")).rows.map((r) => r.datname));

describe("against a user's server (DATABASE_URL)", () => {
  it("creates and drops only its own cronstorm_ scratch databases", async () => {
    await withPgClient(adminUrl(), (c) => c.query("create database user_app_db"));
    try {
      const server = await connectExternalServer(adminUrl());
      const scratch = await ScratchDatabases.prepare(server, "safety_test");
      const clone = await scratch.clone("a scenario");
      expect(clone.name).toMatch(/^cronstorm_safety_test_a_scenario_[0-9a-f]{4}$/);
      expect(await databases(adminUrl())).toContain(clone.name);

      await expect(scratch.drop("user_app_db")).rejects.toThrow(/refusing to drop "user_app_db"/);
      await scratch.dropAll();

      const after = await databases(adminUrl());
      expect(after).toContain("user_app_db");
      expect(after.filter((n) => n.startsWith("cronstorm_safety_test"))).toEqual([]);
    } finally {
      await withPgClient(adminUrl(), (c) => c.query("drop database if exists user_app_db"));
    }
  });

  it("drops its template when the target's migration throws", async () => {
    const server = await connectExternalServer(adminUrl());
    const broken = async () => {
      throw new Error("migration exploded");
    };
    await expect(ScratchDatabases.prepare(server, "migrate_fails", broken)).rejects.toThrow("migration exploded");
    expect((await databases(adminUrl())).filter((n) => n.startsWith("cronstorm_migrate_fails"))).toEqual([]);
  });

  it("explains a DATABASE_URL it cannot use", async () => {
    await expect(connectExternalServer("mysql://x@localhost/db")).rejects.toThrow(/DATABASE_URL must start with postgres:\/\//);
    await expect(connectExternalServer("not a url")).rejects.toThrow(/DATABASE_URL is not a URL/);
    const source = { variable: "APP_DB", remedy: "Set CRONSTORM_DB=embedded." };
    await expect(connectExternalServer("not a url", source)).rejects.toThrow(/^cronstorm: APP_DB is not a URL/);
    await expect(connectExternalServer("postgres://u:p@127.0.0.1:1/x", source)).rejects.toThrow(/cannot use APP_DB .*Set CRONSTORM_DB=embedded\.$/s);
  });
});

describe("CRONSTORM_DB", () => {
  it("names the accepted values when it gets a wrong one", () => {
    expect(() => selectedServerKind({ CRONSTORM_DB: "docker" })).toThrow(
      'CRONSTORM_DB must be one of embedded, url, testcontainers; got "docker"',
    );
  });

  it("defaults to embedded, and to the user's server when DATABASE_URL is set", () => {
    expect(selectedServerKind({})).toBe("embedded");
    expect(selectedServerKind({ DATABASE_URL: "postgres://u@h/d" })).toBe("url");
    expect(() => selectedServerKind({ CRONSTORM_DB: "url" })).toThrow(/needs DATABASE_URL/);
  });
});
