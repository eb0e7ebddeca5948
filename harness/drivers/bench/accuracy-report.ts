import type { TimeScale } from "../../time-scale";
import { PHASE_94C } from "../../trial/run-defaults";
import { measureAccuracy, referenceScaleFor } from "./accuracy";
import { ACCURACY_BOUND_PERCENT, accuracyProbe } from "./accuracy-probe";
import type { BenchReport } from "./bench-report";
import type { CellSpec, SimulationSettings } from "./cell";
import type { SimulationContext } from "./simulate-cell";

/** Short enough to keep the default bench within 3 minutes; sampling noise at this size is about ±3%. */
const BENCH_PROBE_INTERVALS = 4;
/** Below this the reference (a tenth of the scale) runs in near real time and compares ×1 with ×1. */
const MIN_SCALE = 20;
/** The runner refuses a budget that does not exceed its 7.5 s safety buffer. */
const SAFETY_BUFFER_MS = PHASE_94C.safetyBufferMs;

/** The report's accuracy line: measured on the probe, or why it was not. A failed probe never loses the report. */
export async function accuracyForReport(
  first: CellSpec,
  settings: SimulationSettings,
  scale: TimeScale,
  context: Omit<SimulationContext, "scale" | "onTick">,
): Promise<BenchReport["accuracy"]> {
  const referenceScale = referenceScaleFor(scale);
  const probe = accuracyProbe(first, settings, BENCH_PROBE_INTERVALS);
  if (scale.factor < MIN_SCALE) return { referenceScale, throughputErrorPercent: null, note: `not measured: at ×${scale.factor} the reference would run at ×${referenceScale}, close to real time` };
  if (probe.cell.budgetMs <= SAFETY_BUFFER_MS) return { referenceScale, throughputErrorPercent: null, note: `not measured: the probe's budget (1.5 intervals = ${probe.cell.budgetMs} ms) must exceed the 7.5 s safety buffer` };
  try {
    const value = await measureAccuracy(probe.cell, probe.settings, context, scale);
    return {
      referenceScale: value.referenceScale,
      throughputErrorPercent: value.errorPercent,
      note: `first cell with budget ${probe.cell.budgetMs / 1000} s over ${probe.settings.windowMs / 60_000} min: ${value.compressed} vs ${value.reference} jobs/h; harness overhead compensated: ${value.overheadWallMs} ms wall per request`,
    };
  } catch (error) {
    return { referenceScale, throughputErrorPercent: null, note: `not measured: the probe failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** What to tell the user when the measured error is past the bound, or undefined. */
export function accuracyWarning(accuracy: BenchReport["accuracy"]): string | undefined {
  const error = accuracy.throughputErrorPercent;
  if (error === null || error <= ACCURACY_BOUND_PERCENT) return undefined;
  return `cronstorm bench: compression error ${error}% is above ${ACCURACY_BOUND_PERCENT}% on this machine now; compare cells with each other, or lower --scale for absolute figures`;
}
