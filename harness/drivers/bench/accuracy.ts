import type { CellSpec, SimulationSettings } from "./cell";
import { simulateCell, type SimulationContext } from "./simulate-cell";
import { TimeScale } from "../../time-scale";

export interface AccuracyMeasurement {
  compressed: number;
  reference: number;
  referenceScale: number;
  errorPercent: number;
  /** Harness overhead per OpenAI request the compressed run took off its delays (wall ms). */
  overheadWallMs: number;
}

/** The scale the compressed run is compared against: ten times less compression, never below real time. */
export const referenceScaleFor = (scale: TimeScale): number => Math.max(1, scale.factor / 10);

/**
 * Runs one cell at `scale` and at scale / 10 and compares jobs completed per hour: how much the
 * compression itself (harness CPU, database round trips, timer lateness) distorts the result.
 */
export async function measureAccuracy(
  cell: CellSpec,
  settings: SimulationSettings,
  context: Omit<SimulationContext, "scale" | "onTick">,
  scale: TimeScale,
): Promise<AccuracyMeasurement> {
  const reference = new TimeScale(referenceScaleFor(scale));
  const fast = await simulateCell(cell, settings, { ...context, scale });
  const slow = await simulateCell(cell, settings, { ...context, scale: reference });
  const a = fast.metrics.jobsCompletedPerHour;
  const b = slow.metrics.jobsCompletedPerHour;
  return {
    compressed: a,
    reference: b,
    referenceScale: reference.factor,
    errorPercent: b === 0 ? 100 : Math.round((Math.abs(a - b) / b) * 1000) / 10,
    overheadWallMs: fast.harnessOverheadWallMs,
  };
}
