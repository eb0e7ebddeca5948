/** Jepsen's verdict algebra: a check passes, fails, or cannot decide (and says why). */
export type VerdictStatus = "pass" | "fail" | "unknown";

export interface Verdict {
  invariant: string;
  status: VerdictStatus;
  /** One sentence a reader understands without opening the code. */
  detail: string;
  /** Key figures, already in production units where they are durations. */
  figures?: Record<string, string | number>;
}

const RANK: Record<VerdictStatus, number> = { pass: 0, unknown: 1, fail: 2 };

/** false beats unknown beats true. */
export function combine(statuses: VerdictStatus[]): VerdictStatus {
  return statuses.reduce<VerdictStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "pass");
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
