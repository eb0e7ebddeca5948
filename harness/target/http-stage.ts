import type { HttpApp } from "./http-app";
import { httpInstance } from "./http-instance";
import { boundedByMaxDuration, maxDurationGuardWallMs } from "./instances/bounded-instance";
import type { Stage } from "./stage";
import type { HttpTarget } from "./target";

/** The request itself is aborted just after the guard has answered, so the guard's message is the one recorded. */
const ABORT_AFTER_GUARD_MS = 1_000;

/**
 * An app reached over HTTP. Its env was fixed when it started, so every scenario reuses its database
 * name (re-created from the template first), its cron secret and the bridge address its OpenAI base URL
 * points at; the bridge serves the scenario's mock, so latencies, faults and the burst gate still apply.
 */
export function httpStage(target: HttpTarget, app: HttpApp): Stage {
  return {
    target,
    mode: "http",
    env: { kind: "fixed", settings: app.settings },
    appDatabase: "fixed",
    database: () => app.freshDatabase(),
    cronSecret: () => app.cronSecret,
    async start({ openai, cleanup, scale }) {
      app.serve(openai);
      cleanup.defer(() => app.serve(undefined));
      // An app that never answers ends as an unknown outcome, at the same production bound as in-process.
      const instance = boundedByMaxDuration(httpInstance(target.url, maxDurationGuardWallMs(scale) + ABORT_AFTER_GUARD_MS), scale);
      return { instance, members: [instance] };
    },
  };
}
