import type { HistoryEvent } from "../history";
import type { Nemesis } from "./catalog-world";
import { TRIGGER_TIMEOUT_MS } from "./observe";

const fired = (name: string) => (e: HistoryEvent) => e.type === "fault" && e.phase === "fired" && e.fault === `openai.${name}`;

/**
 * OpenAI answers many calls with 429 and lets some hang until the client's timeout (set in the spec).
 * The storm lasts until both have happened at least once: how many calls fit in the first ticks depends on
 * how busy the machine is, and the catalog keeps ticking while a fault is still acting.
 */
export function openaiStorm(): Nemesis {
  return {
    name: "openai-429-and-hangs",
    models: "an OpenAI rate-limit storm with hanging requests, the timeout burst phase 94 is about",
    async start(world) {
      await world.history.waitFor("an OpenAI 429", fired("rate-limited"), TRIGGER_TIMEOUT_MS);
      await world.history.waitFor("an OpenAI call that hangs", fired("hang"), TRIGGER_TIMEOUT_MS);
    },
    async heal(world) {
      world.openai.resetFaults();
    },
    async evidence(world) {
      const hits = world.openai.stats.faultHits;
      const rateLimited = hits["rate-limited"] ?? 0;
      const hangs = hits.hang ?? 0;
      return { fired: rateLimited > 0 && hangs > 0, detail: `${rateLimited} answers were 429, ${hangs} requests hung until the client timed out` };
    },
  };
}
