/**
 * The append-only record every role writes to and every check reads (Jepsen's history). Times are wall
 * milliseconds (Date.now()); reports convert them to production units.
 */
export type HistoryEvent =
  | { type: "invoke"; invocation: number; at: number }
  | { type: "ok" | "fail"; invocation: number; at: number; status: number; body: unknown }
  | { type: "info"; invocation: number; at: number; error: string }
  | { type: "lock"; at: number; phase: string; route: string; key: string; backendPid: number; acquired?: boolean; unlocked?: boolean; error?: string }
  | { type: "run"; at: number; phase: string; runId: string; detail?: Record<string, unknown> }
  | { type: "job"; at: number; phase: string; runId: string; jobId: string; outcome?: string }
  | { type: "openai"; at: number; phase: "start" | "end"; inFlight: number; outcome?: string }
  | { type: "fault"; at: number; phase: "start" | "heal" | "fired"; fault: string; detail?: string }
  | { type: "gate"; at: number; opened: "all-others-answered" | "several-runs-working" | "timeout" };

export class History {
  private readonly events: HistoryEvent[] = [];

  append(event: HistoryEvent): void {
    this.events.push(event);
  }

  all(): readonly HistoryEvent[] {
    return this.events;
  }

  ofType<T extends HistoryEvent["type"]>(type: T): Extract<HistoryEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<HistoryEvent, { type: T }> => e.type === type);
  }
}
