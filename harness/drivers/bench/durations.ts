const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Parses a human duration ("250ms", "7.5s", "4m", "1h") into milliseconds; the error names the flag. */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)$/.exec(text.trim());
  const unit = match?.[2];
  if (!match || !unit) {
    throw new Error(`cronstorm: ${flag} takes durations like 250ms, 7.5s, 4m or 1h; got "${text}"`);
  }
  const ms = Number(match[1]) * (UNITS[unit] ?? Number.NaN);
  if (!(ms > 0)) throw new Error(`cronstorm: ${flag} must be longer than zero; got "${text}"`);
  return ms;
}

export function parseDurationList(flag: string, text: string): number[] {
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`cronstorm: ${flag} needs at least one duration, like 60s,240s`);
  return items.map((item) => parseDuration(flag, item));
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1_000) return `${+(ms / 1_000).toFixed(1)}s`;
  return `${Math.round(ms)}ms`;
}
