/**
 * Jepsen's verdict algebra: a check passes, fails, or cannot decide (and says why). `unavailable` is a
 * check or scenario the target cannot host (an HTTP target's process or env is not the harness's): shown
 * with its reason, never counted as a pass or a failure.
 */
export type VerdictStatus = "pass" | "fail" | "unknown" | "unavailable";

export interface Verdict {
  invariant: string;
  status: VerdictStatus;
  /** One sentence a reader understands without opening the code. */
  detail: string;
  /** Key figures, already in production units where they are durations. */
  figures?: Record<string, string | number>;
}

type Judged = Exclude<VerdictStatus, "unavailable">;
const RANK: Record<Judged, number> = { pass: 0, unknown: 1, fail: 2 };

/** false beats unknown beats true; unavailable verdicts are left out, and only all-unavailable is unavailable. */
export function combine(statuses: VerdictStatus[]): VerdictStatus {
  const judged = statuses.filter((s): s is Judged => s !== "unavailable");
  if (judged.length === 0 && statuses.length > 0) return "unavailable";
  return judged.reduce<Judged>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "pass");
}

/** A check that throws yields `unknown` with the reason, never a pass. */
export async function guarded(invariant: string, check: () => Promise<Verdict> | Verdict): Promise<Verdict> {
  try {
    return await check();
  } catch (error) {
    return { invariant, status: "unknown", detail: `check could not decide: ${(error as Error).message}` };
  }
}

export const pass = (invariant: string, detail: string, figures?: Verdict["figures"]): Verdict => ({ invariant, status: "pass", detail, figures });
export const fail = (invariant: string, detail: string, figures?: Verdict["figures"]): Verdict => ({ invariant, status: "fail", detail, figures });
export const unknown = (invariant: string, detail: string): Verdict => ({ invariant, status: "unknown", detail });
export const unavailable = (invariant: string, detail: string): Verdict => ({ invariant, status: "unavailable", detail });
