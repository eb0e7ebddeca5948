import { http, HttpResponse } from "msw";
import { CHAT_COMPLETIONS, type OpenAIFaultFactory } from "./mock-openai";
import type { OpenAIMockContext } from "./mock-context";

interface Selection {
  /** Answer only this many requests, then fall through to the handlers below. */
  times?: number;
  /** Answer each request with this probability (seeded), else fall through. */
  probability?: number;
}

/**
 * Wraps a fault response in the bookkeeping every fault needs: selection (times / probability), the
 * in-flight count, and a hit counter that tests use to prove the fault really fired.
 */
function fault(name: string, selection: Selection, respond: (context: OpenAIMockContext, request: Request) => Promise<Response>): OpenAIFaultFactory {
  return (context) => {
    let answered = 0;
    return http.post(CHAT_COMPLETIONS, ({ request }) => {
      if (selection.times !== undefined && answered >= selection.times) return undefined;
      if (selection.probability !== undefined && context.random.next() >= selection.probability) return undefined;
      answered += 1;
      context.stats.faultHits[name] = (context.stats.faultHits[name] ?? 0) + 1;
      context.history.append({ type: "fault", phase: "fired", at: Date.now(), fault: `openai.${name}` });
      return context.track(() => respond(context, request));
    });
  };
}

const errorBody = (type: string, message: string) => ({ error: { message, type, param: null, code: type } });

export const openaiFaults = {
  /** 429 with retry-after (seconds, production) and retry-after-ms (scaled), which the SDK honours. */
  rateLimited: (retryAfterMs: number, selection: Selection = {}) =>
    fault("rate-limited", selection, async (context) =>
      HttpResponse.json(errorBody("rate_limit_exceeded", "Rate limit reached (cronstorm)"), {
        status: 429,
        headers: {
          "retry-after": String(Math.ceil(retryAfterMs / 1000)),
          "retry-after-ms": String(Math.max(1, Math.round(context.scale.toWall(retryAfterMs)))),
        },
      }),
    ),

  serverError: (selection: Selection = {}) =>
    fault("server-error", selection, async () =>
      HttpResponse.json(errorBody("server_error", "The server had an error (cronstorm)"), {
        status: 500,
        // Without this the SDK backs off 0.5-8 s of real time, which the time scale cannot compress.
        headers: { "retry-after-ms": "1" },
      }),
    ),

  /** The connection fails: the SDK sees a network error (APIConnectionError after its retries). */
  networkError: (selection: Selection = {}) => fault("network-error", selection, async () => HttpResponse.error()),

  /** The handler itself throws: an exception inside the OpenAI call path, answered as a 500 by msw. */
  throwInHandler: (selection: Selection = {}) =>
    fault("handler-exception", selection, async () => {
      throw new Error("cronstorm injected exception in the OpenAI call");
    }),

  /** Never answers: the request hangs until the client's own timeout aborts it. */
  hang: (selection: Selection = {}) =>
    fault("hang", selection, async (_context, request) => {
      await new Promise<void>((resolve) => {
        if (request.signal.aborted) return resolve();
        request.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      return HttpResponse.error();
    }),

};
