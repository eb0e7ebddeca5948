import { cronRouteSuite } from "cronstorm/vitest";

// The verdicts in this app's own `vitest run`: one test per scenario.
cronRouteSuite({ scenarios: (process.env.SCRATCH_SCENARIOS ?? "").split(",").filter(Boolean) });
