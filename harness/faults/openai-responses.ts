import { http, HttpResponse } from "msw";
import { CHAT_COMPLETIONS, type OpenAIFaultFactory } from "../openai/mock-openai";
import type { OpenAIMockContext } from "../openai/mock-context";

interface Selection {
  /** Answer only this many requests, then fall through to the handlers below. */
  times?: number;
  /** Answer each request with this probability (seeded), else fall through. */
  probability?: number;
  /**
   * Answer every n-th request this handler sees (the n-th, 2n-th, …), else fall through. A fault whose
   * evidence must show that it fired uses this: with a probability, some seeds draw no hit at all.
   */
  every?: number;
}

/**
 * Wraps a fault response in the bookkeeping every fault needs: selection (times / probability), the
 * in-flight count, and a hit counter that tests use to prove the fault really fired.
 */
function fault(name: string, selection: Selection, respond: (context: OpenAIMockContext, request: Request) => Promise<Response>): OpenAIFaultFactory {
  return (context) => {
    let answered = 0;
    let seen = 0;
    return http.post(CHAT_COMPLETIONS, ({ request }) => {
      seen += 1;
      if (selection.times !== undefined && answered >= selection.times) return undefined;
      if (selection.every !== undefined && seen % selection.every !== 0) return undefined;
      if (selection.probability !== undefined && context.random.next() >= selection.probability) return undefined;
      answered += 1;
      context.stats.faultHits[name] = (context.stats.faultHits[name] ?? 0) + 1;
      context.history.append({ type: "fault", phase: "fired", at: Date.now(), fault: `openai.${name}` });
      return context.track(request, () => respond(context, request));
    });
  };
}

/**
 * Retryable errors carry no body. When the openai SDK retries, it cancels the failed response's body
 * stream, and cancelling a body msw mocked in-process never settles (msw 2.15, openai 6): the call would
 * hang forever. The status and retry headers are what the SDK acts on; its error message is generic.
 */
const noBody = null;

export const openaiFaults = {
  /** 429 with retry-after (seconds, production) and retry-after-ms (scaled), which the SDK honours. */
  rateLimited: (retryAfterMs: number, selection: Selection = {}) =>
    fault("rate-limited", selection, async (context) =>
      new HttpResponse(noBody, {
        status: 429,
        headers: {
          "retry-after": String(Math.ceil(retryAfterMs / 1000)),
          "retry-after-ms": String(Math.max(1, Math.round(context.scale.toWall(retryAfterMs)))),
        },
      }),
    ),

  serverError: (selection: Selection = {}) =>
    fault("server-error", selection, async () =>
      new HttpResponse(noBody, {
        status: 500,
        // Without this the SDK backs off 0.5-8 s of real time, which the time scale cannot compress.
        headers: { "retry-after-ms": "1" },
      }),
    ),

  /** The connection fails: the SDK sees a network error (APIConnectionError after its retries). */
  networkError: (selection: Selection = {}) => fault("network-error", selection, async () => HttpResponse.error()),

  /**
   * The handler itself throws: an exception inside the OpenAI call path, answered as a 500 by msw. That
   * 500 has a body, so use it with OPENAI_MAX_RETRIES=0 (see noBody above).
   */
  throwInHandler: (selection: Selection = {}) =>
    fault("handler-exception", selection, async () => {
      throw new Error("cronstorm injected exception in the OpenAI call");
    }),

  /**
   * Never answers: the request hangs until the client gives up. In another process the client's abort
   * closes the connection and ends the hang; in-process, msw does not pass the SDK's abort on to the
   * handler, so the hang also ends after `untilMs` (production ms; set it to the client's timeout).
   */
  hang: (untilMs: number, selection: Selection = {}) =>
    fault("hang", selection, async (context, request) => {
      await new Promise<void>((resolve) => {
        if (request.signal.aborted) return resolve();
        request.signal.addEventListener("abort", () => resolve(), { once: true });
        setTimeout(resolve, context.scale.toWall(untilMs)).unref();
      });
      return HttpResponse.error();
    }),

};
