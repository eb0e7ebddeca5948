import { subscribe, unsubscribe } from "node:diagnostics_channel";

/** Requests answered before the estimate is trusted: the first few jobs also pay pool and client warm-up. */
const WARM_UP_REQUESTS = 8;
/** Per answered request, older measurements fade by this factor (half-life ~70 requests), so the estimate follows a machine whose load changes. */
const FADE = 0.99;

type AppEvent = { phase: string; jobId?: string; at: number };

/**
 * Time compression shrinks OpenAI's latency and the cron interval, but not the harness's own wall time:
 * a few ms of CPU per request (msw interception, the openai SDK, node-postgres) and late timers on a busy
 * machine. At ×120, 5 ms is 0.6 s of production time per job, so the compressed run completes fewer jobs
 * than the production it stands for. This measures that overhead from what the runs did (time workers
 * held jobs, minus the waits the mock modelled) and the load model takes it off each delay, so a job's wall
 * duration is its modelled latency at any scale. Estimation is online: no calibration pass.
 */
export class OverheadCompensation {
  private readonly claimedAt = new Map<string, number>();
  private jobBusyMs = 0;
  private mockWaitMs = 0;
  private answered = 0;
  private answeredTotal = 0;
  private owedMs = 0;
  private readonly onJob = (message: unknown) => this.hearJob(message as AppEvent);

  /** Listens to the runner's job events (the shared instance publishes them in this process). */
  listen(): () => void {
    subscribe("cronstorm-app:job", this.onJob);
    return () => unsubscribe("cronstorm-app:job", this.onJob);
  }

  /** The mock answered a request after a modelled wait of `waitMs` (including a 429's retry-after, which the SDK sleeps). */
  answeredAfter(waitMs: number): void {
    this.mockWaitMs = this.mockWaitMs * FADE + waitMs;
    this.jobBusyMs *= FADE;
    this.answered = this.answered * FADE + 1;
    this.answeredTotal += 1;
  }

  /** The harness's wall overhead per request, as measured so far. */
  perRequestMs(): number {
    if (this.answeredTotal < WARM_UP_REQUESTS) return 0;
    return Math.max(0, (this.jobBusyMs - this.mockWaitMs) / this.answered);
  }

  /**
   * How much of `modelledMs` to actually wait. A delay shorter than the overhead cannot be shortened
   * enough, so the remainder is owed and taken off later delays: the mean comes out right.
   */
  shorten(modelledMs: number): number {
    // The first requests go uncompensated rather than owed: their overhead includes one-off warm-up,
    // and handing that back made compressed runs measurably faster than the reference.
    this.owedMs += this.perRequestMs();
    const taken = Math.min(this.owedMs, modelledMs);
    this.owedMs -= taken;
    return modelledMs - taken;
  }

  private hearJob(event: AppEvent): void {
    if (event.jobId === undefined) return;
    if (event.phase === "claim") this.claimedAt.set(event.jobId, event.at);
    if (event.phase !== "finish") return;
    const claimed = this.claimedAt.get(event.jobId);
    this.claimedAt.delete(event.jobId);
    if (claimed !== undefined) this.jobBusyMs += event.at - claimed;
  }
}
