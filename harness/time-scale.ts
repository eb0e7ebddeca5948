/**
 * Production durations run compressed: a 240 s budget at scale 60 takes 4 s of wall time. Scenarios are
 * written in production milliseconds; the harness converts at the boundary (env values handed to the app,
 * mock latencies) and converts measurements back, so every figure it reports is in production units.
 */
export class TimeScale {
  constructor(readonly factor: number) {
    if (!Number.isFinite(factor) || factor < 1) {
      throw new Error(`cronstorm: time scale must be a number >= 1 (1 = real time), got ${factor}`);
    }
  }

  /** Production milliseconds -> wall milliseconds the harness actually waits. */
  toWall(productionMs: number): number {
    return productionMs / this.factor;
  }

  /** Measured wall milliseconds -> the production duration they stand for. */
  toProduction(wallMs: number): number {
    return wallMs * this.factor;
  }

  /** For env vars the app reads in whole milliseconds. */
  toWallEnv(productionMs: number): string {
    return String(Math.max(1, Math.round(this.toWall(productionMs))));
  }
}

export const DEFAULT_TIME_SCALE = 60;
