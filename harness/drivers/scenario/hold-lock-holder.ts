import { Gate } from "../../gate";
import type { History } from "../../history";
import type { OpenAIMock } from "../../openai/mock-openai";

/** If the lock holder is never released any other way, the burst still ends (and the check says unknown). */
const GATE_TIMEOUT_WALL_MS = 15_000;

/**
 * The burst's winner must still hold the lock when the others try, or a late invocation could
 * legitimately take it after release. Its OpenAI calls wait at a gate that opens when all others have
 * answered, or at once when more calls wait than one run's concurrency allows (several runs got in).
 */
export function holdLockHolder(openai: OpenAIMock, history: History, invocations: number, concurrency: number): Gate<GateReason> {
  const gate: Gate<GateReason> = new Gate<GateReason>({
    onWaiter: (waiters) => waiters > concurrency && gate.open("several-runs-working"),
    onOpen: (opened) => history.append({ type: "gate", at: Date.now(), opened }),
    timeout: { ms: GATE_TIMEOUT_WALL_MS, reason: "timeout" },
  });
  if (invocations <= 1) gate.open("all-others-answered");
  openai.context.gate = gate;
  return gate;
}

export type GateReason = "all-others-answered" | "several-runs-working" | "timeout";
