import { describe, it } from "vitest";
import { runChaos } from "../harness/drivers/catalog/run-chaos";
import { pgbouncerAvailable } from "../harness/db/pgbouncer";
import { formatChaosFailure } from "../harness/report/format-chaos";
import { harnessContext } from "../harness/vitest/harness-context";
import { CATALOG, CATALOG_GROUPS, type CatalogGroup } from "./catalog";

/**
 * One group of the fault catalog as vitest tests. The catalog is split in groups so its test files run
 * side by side: each entry spends most of its time waiting on compressed cron ticks.
 */
export function catalogSuite(group: CatalogGroup): void {
  describe(`fault catalog: ${group}`, () => {
    const context = harnessContext();
    const names: readonly string[] = CATALOG_GROUPS[group];
    for (const spec of CATALOG.filter((s) => names.includes(s.name))) {
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
        // Its report shades where the fault acted.
        if (!result.timeline?.faults.some((f) => f.end === null || f.end > f.start)) throw new Error(`${spec.name}: its timeline shows no fault window`);
      }, 120_000);
    }
  });
}
