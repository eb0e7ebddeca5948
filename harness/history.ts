/**
 * The append-only record every role writes to and every check reads (Jepsen's history). Times are wall
 * milliseconds (Date.now(), one clock for every process on the machine); reports convert them to
 * production units. `instance` names the app instance an event came from.
 */
export type HistoryEvent =
  | { type: "invoke"; invocation: number; at: number; instance?: string }
  | { type: "ok" | "fail"; invocation: number; at: number; status: number; body: unknown; instance?: string }
  | { type: "info"; invocation: number; at: number; error: string; instance?: string }
  | {
      type: "lock";
      at: number;
      phase: string;
      route: string;
      key: string;
      backendPid: number;
      requestedAt?: number;
      acquired?: boolean;
      unlocked?: boolean;
      error?: string;
      instance?: string;
    }
  | { type: "run"; at: number; phase: string; runId: string; detail?: Record<string, unknown>; instance?: string }
  | { type: "job"; at: number; phase: string; runId: string; jobId: string; outcome?: string; instance?: string; claimedAt?: number }
  | { type: "openai"; at: number; phase: "start" | "end"; inFlight: number; outcome?: string }
  /** `pid` / `instance`: the backend or the instance a kill hit, so a check can tell which lock hold it ended. */
  | { type: "fault"; at: number; phase: "start" | "heal" | "fired"; fault: string; detail?: string; pid?: number; instance?: string }
  | { type: "instance"; at: number; phase: "exit"; instance: string; signal: string | null; code: number | null }
  | { type: "tick"; at: number; tick: number; deliveries: number }
  | { type: "gate"; at: number; opened: "all-others-answered" | "several-runs-working" | "timeout" }
  /** Advisory keys pg_locks showed held by anyone, recorded when that set changed (lock-sampler.ts). */
  | { type: "pg-locks"; at: number; keys: string[] }
  /**
   * How many sessions other than the harness's pg_stat_activity showed on the database, when that changed:
   * `count`, all of them; `besideLockSession`, those besides src/'s named lock session, and
   * `besideKeyHolders`, those besides any holder of the route's key, each the least of two samples in a
   * row, so a session that came and went between samples (a lock session connecting, a try that lost) is
   * not counted as the app's pool.
   */
  | { type: "pg-sessions"; at: number; count: number; besideLockSession: number; besideKeyHolders: number }
  /** The sessions pg_locks showed holding the route's key, recorded when that set changed (lock-sampler.ts). */
  | { type: "pg-lock-holders"; at: number; pids: readonly number[] };

type Waiter = { matches: (event: HistoryEvent) => boolean; resolve: (event: HistoryEvent) => void };

export class History {
  private readonly events: HistoryEvent[] = [];
  private waiters: Waiter[] = [];

  append(event: HistoryEvent): void {
    this.events.push(event);
    const ready = this.waiters.filter((w) => w.matches(event));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(event);
  }

  all(): readonly HistoryEvent[] {
    return this.events;
  }

  /** A new history of the events at or after `at` (a window that opened after a warm-up). */
  since(at: number): History {
    const window = new History();
    for (const event of this.events) if (event.at >= at) window.append(event);
    return window;
  }

  ofType<T extends HistoryEvent["type"]>(type: T): Extract<HistoryEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<HistoryEvent, { type: T }> => e.type === type);
  }

  /**
   * Resolves with the first event (already recorded or still to come) that matches; rejects after
   * `timeoutMs` wall milliseconds saying what it waited for, so a fault trigger can never hang a run.
   */
  waitFor(what: string, matches: (event: HistoryEvent) => boolean, timeoutMs: number): Promise<HistoryEvent> {
    const seen = this.events.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`cronstorm: waited ${timeoutMs} ms for ${what}, which never happened`));
      }, timeoutMs);
      const waiter: Waiter = {
        matches,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      this.waiters.push(waiter);
    });
  }
}
