import type { HttpApp } from "./http-app";
import { httpInstance } from "./http-instance";
import type { Stage } from "./stage";
import type { HttpTarget } from "./target";

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
    async start({ openai, cleanup }) {
      app.serve(openai);
      cleanup.defer(() => app.serve(undefined));
      const instance = httpInstance(target.url);
      return { instance, members: [instance] };
    },
  };
}
