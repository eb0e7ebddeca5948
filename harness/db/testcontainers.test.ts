import { describe, expect, it } from "vitest";
import { burst } from "../../scenarios/burst";
import { runScenario } from "../drivers/scenario/run-scenario";
import { runCommand } from "../process/run-command";
import { TimeScale } from "../time-scale";
import { PROJECT_ROOT } from "../vitest/planted-test";
import { ScratchDatabases } from "./scratch";
import { selectedServerKind } from "./start-server";
import { dockerAvailability, startTestcontainersServer, testcontainersConfig } from "./testcontainers-server";

/**
 * The testcontainers path needs Docker, which CI does not have: the one test that needs it says so in
 * its name and skips visibly (CI's JUnit summary lists it). Everything else about the path is tested
 * here without Docker: how it is selected, the container it asks for, and the error it gives.
 */
describe("CRONSTORM_DB=testcontainers", () => {
  it("is selected by CRONSTORM_DB, and a bad value names the accepted ones", () => {
    expect(selectedServerKind({ CRONSTORM_DB: "testcontainers" })).toBe("testcontainers");
    expect(() => selectedServerKind({ CRONSTORM_DB: "docker" })).toThrow('CRONSTORM_DB must be one of embedded, url, testcontainers; got "docker"');
  });

  it("asks for postgres:16-alpine (or CRONSTORM_PG_IMAGE) with room for 300 connections and fsync off", () => {
    expect(testcontainersConfig({})).toEqual({
      image: "postgres:16-alpine",
      database: "postgres",
      username: "postgres",
      password: "cronstorm",
      command: ["postgres", "-c", "max_connections=300", "-c", "fsync=off"],
    });
    expect(testcontainersConfig({ CRONSTORM_PG_IMAGE: "postgres:17" }).image).toBe("postgres:17");
  });

  it("without a Docker engine, says so and what to do instead", async () => {
    // A Docker host that cannot answer, so this holds on a machine with Docker too.
    const result = await runCommand(
      process.execPath,
      ["--import", "tsx", "-e", `import("./harness/db/testcontainers-server.ts").then((m) => m.startTestcontainersServer()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`],
      { cwd: PROJECT_ROOT, env: { DOCKER_HOST: "tcp://127.0.0.1:1", TESTCONTAINERS_RYUK_DISABLED: "true" }, timeoutMs: 60_000 },
    );
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(result.stderr).toMatch(/CRONSTORM_DB=testcontainers needs a running Docker engine \(.+\)\. Start Docker, or unset CRONSTORM_DB to use embedded PostgreSQL\./);
  });

  it("runs the burst scenario on PostgreSQL in Docker (needs a Docker engine: skipped without one)", async (context) => {
    const docker = await dockerAvailability();
    if (!docker.available) {
      context.skip(`no Docker engine here (${docker.reason}); the embedded and DATABASE_URL paths cover PostgreSQL`);
      return;
    }
    const server = await startTestcontainersServer();
    try {
      const scratch = await ScratchDatabases.prepare(server);
      try {
        const result = await runScenario(burst(5), { scratch, scale: new TimeScale(60), baseSeed: 1, keepFailedDatabases: false });
        expect(result.verdicts.filter((v) => v.status !== "pass")).toEqual([]);
      } finally {
        await scratch.dropAll();
      }
    } finally {
      await server.stop();
    }
  }, 180_000);
});
