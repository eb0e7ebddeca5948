import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import type { History } from "../history";
import type { SeededRandom } from "../random";
import type { TimeScale } from "../time-scale";
import { chatCompletionBody } from "./completion";
import { type LatencyProfile, sampleLatency } from "./latency";
import { newStats, type OpenAIMockContext } from "./mock-context";

/** Matches the SDK's real endpoint on any base URL (api.openai.com by default). */
export const CHAT_COMPLETIONS = "*/chat/completions";

export type OpenAIFaultFactory = (context: OpenAIMockContext) => RequestHandler;

/**
 * msw in front of the real openai SDK: a baseline handler that answers after a sampled latency, with
 * fault handlers prepended on top (msw's `server.use`). Requests to anything else fail loudly.
 */
export class OpenAIMock {
  readonly context: OpenAIMockContext;
  private readonly server;

  constructor(options: { scale: TimeScale; random: SeededRandom; history: History; latency: LatencyProfile }) {
    const stats = newStats();
    this.context = {
      ...options,
      stats,
      gate: undefined,
      async track(request, respond) {
        stats.requests += 1;
        const retry = request.headers.get("x-stainless-retry-count");
        if (retry !== null) stats.retriesCounted = true;
        stats.mostRetries = Math.max(stats.mostRetries, Number(retry) || 0);
        stats.inFlight += 1;
        stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
        options.history.append({ type: "openai", phase: "start", at: Date.now(), inFlight: stats.inFlight });
        try {
          return await respond();
        } finally {
          stats.inFlight -= 1;
          options.history.append({ type: "openai", phase: "end", at: Date.now(), inFlight: stats.inFlight });
        }
      },
    };
    this.server = setupServer(baselineHandler(this.context));
  }

  get stats() {
    return this.context.stats;
  }

  listen(): this {
    this.server.listen({
      onUnhandledRequest(request, print) {
        // Anything but OpenAI reaching the network is a harness bug: no real service is ever called.
        print.error();
        throw new Error(`cronstorm: unexpected outbound request ${request.method} ${request.url}`);
      },
    });
    return this;
  }

  /** Prepends fault handlers over the baseline, msw-style. */
  use(...faults: OpenAIFaultFactory[]): this {
    this.server.use(...faults.map((fault) => fault(this.context)));
    return this;
  }

  /** The live handler list, faults first: what the HTTP bridge serves to other processes. */
  handlers(): readonly RequestHandler[] {
    return this.server.listHandlers() as readonly RequestHandler[];
  }

  resetFaults(): void {
    this.server.resetHandlers();
  }

  close(): void {
    this.server.close();
  }
}

function baselineHandler(context: OpenAIMockContext): RequestHandler {
  return http.post(CHAT_COMPLETIONS, async ({ request }) =>
    context.track(request, async () => {
      const body = (await request.json()) as { model?: string };
      const number = context.stats.requests;
      await context.gate?.pass();
      await delay(context.scale.toWall(sampleLatency(context.latency, context.random)));
      return HttpResponse.json(chatCompletionBody(body.model ?? "gpt-4o-mini", number));
    }),
  );
}
