/**
 * OpenAI calls in flight as production would have them. The mock answers each call early by the
 * harness's overhead, which the job then spends in the harness; in production the call itself would
 * take that time. So a call counts until its wait plus that overhead has passed, and the load the
 * latency stretch sees does not depend on the scale or on how much overhead was handed back.
 */
export class CallsInFlight {
  private readonly ends: number[] = [];

  /** Calls still in flight at `now` (wall ms). */
  othersAt(now: number): number {
    for (let i = this.ends.length - 1; i >= 0; i -= 1) if ((this.ends[i] ?? 0) <= now) this.ends.splice(i, 1);
    return this.ends.length;
  }

  /** Counts a call from `now` for `wallMs`. */
  add(now: number, wallMs: number): void {
    this.ends.push(now + wallMs);
  }
}
