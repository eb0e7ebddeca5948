import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/run-scenario";
import { ScratchDatabases } from "./scratch";
import { dockerAvailability, startTestcontainersServer } from "./testcontainers-server";
import { burst } from "../../scenarios/burst";
import { TimeScale } from "../time-scale";

describe("CRONSTORM_DB=testcontainers", () => {
  it("runs the burst scenario on PostgreSQL in Docker", async (context) => {
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
