import type { Nemesis } from "../nemesis";

/** OpenAI answers many calls with 429 and lets some hang until the client's timeout (set in the spec). */
export function openaiStorm(): Nemesis {
  return {
    name: "openai-429-and-hangs",
    models: "an OpenAI rate-limit storm with hanging requests, the timeout burst phase 94 is about",
    async start() {},
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
