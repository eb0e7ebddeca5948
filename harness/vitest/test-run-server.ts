import { inject } from "vitest";

/**
 * The env that points a child cronstorm process at this test run's PostgreSQL (CRONSTORM_DB=url), as CI
 * jobs share a database service. For tests whose subject is not starting a server: an embedded server of
 * the child's own costs seconds of CPU (supervisor, initdb, start, stop). The child still makes and drops
 * only its own scratch databases there.
 */
export function testRunServerEnv(): { CRONSTORM_DB: string; DATABASE_URL: string } {
  return { CRONSTORM_DB: "url", DATABASE_URL: inject("cronstorm").adminUrl };
}
