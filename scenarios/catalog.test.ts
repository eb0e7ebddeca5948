import { describe, it } from "vitest";
import { runChaos } from "../harness/chaos/run-chaos";
import { pgbouncerAvailable } from "../harness/db/pgbouncer";
import { formatChaosFailure } from "../harness/report/format-chaos";
import { harnessContext } from "../harness/vitest/harness-context";
import { CATALOG } from "./catalog";

describe("fault catalog", () => {
  const context = harnessContext();
  for (const spec of CATALOG) {
    const target = spec.target?.label ?? "src";
    it(`${spec.name}: ${target} ${spec.expect === "survives" ? "survives" : "is caught breaking"} (${spec.fault.models})`, async (test) => {
      const bouncer = pgbouncerAvailable();
      // Locally a missing PgBouncer skips, saying why; in CI (.ci/run installs it) it must fail instead.
      if (spec.viaPgBouncer && !bouncer.available && process.env.CI !== "true") {
        test.skip(bouncer.reason);
        return;
      }
      const result = await runChaos(spec, context);
      if (!result.asExpected) throw new Error(formatChaosFailure(result));
    }, 120_000);
  }
});
