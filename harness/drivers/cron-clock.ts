/**
 * Vercel Cron's schedule in compressed time: tick k is due at start + k × interval. This is the
 * simulated clock the scenario is about, not a wait for some other event.
 */
export class CronClock {
  private readonly startedAt = Date.now();
  private ticks = 0;

  constructor(private readonly intervalWallMs: number) {}

  get fired(): number {
    return this.ticks;
  }

  /** Resolves when `fraction` of the current interval (after the last fired tick) has passed. */
  async untilFraction(fraction: number): Promise<void> {
    const due = this.startedAt + (this.ticks + fraction) * this.intervalWallMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }

  /** Counts a tick as fired and resolves when the next one is due. */
  async afterTick(): Promise<void> {
    this.ticks += 1;
    const due = this.startedAt + this.ticks * this.intervalWallMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
}
