import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { History, HistoryEvent } from "../../history";

/** The diagnostics channels the app publishes on (src/lib/observability.ts). */
export const APP_CHANNELS = ["cronstorm-app:lock", "cronstorm-app:run", "cronstorm-app:job"] as const;
export type AppChannel = (typeof APP_CHANNELS)[number];

type Message = Record<string, unknown> & { at: number; phase: string };

/** Turns one app event into a history event, labelled with the instance it came from. */
export function toHistoryEvent(channel: AppChannel, message: unknown, instance: string): HistoryEvent {
  const m = message as Message;
  switch (channel) {
    case "cronstorm-app:lock":
      return { type: "lock", ...(m as Omit<Extract<HistoryEvent, { type: "lock" }>, "type">), instance };
    case "cronstorm-app:job":
      return { type: "job", ...(m as Omit<Extract<HistoryEvent, { type: "job" }>, "type">), instance };
    case "cronstorm-app:run": {
      const { at, phase, runId, ...detail } = m;
      return { type: "run", at, phase, runId: String(runId), detail, instance };
    }
  }
}

/** Subscribes to the app's channels in this process; returns the unsubscribe. */
export function onAppEvents(listener: (channel: AppChannel, message: unknown) => void): () => void {
  const subscriptions = APP_CHANNELS.map((channel) => [channel, (message: unknown) => listener(channel, message)] as const);
  for (const [channel, fn] of subscriptions) subscribe(channel, fn);
  return () => {
    for (const [channel, fn] of subscriptions) unsubscribe(channel, fn);
  };
}

/** Copies this process's app events into the history. */
export function recordAppEvents(history: History, instance = "shared"): () => void {
  return onAppEvents((channel, message) => history.append(toHistoryEvent(channel, message, instance)));
}
