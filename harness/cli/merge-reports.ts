import { EXIT } from "./exit-codes";

/** Placeholder replaced by the shard work: merges blob results into one report. */
export async function mergeReportsMain(argv: string[]): Promise<number> {
  void argv;
  console.error("cronstorm merge-reports: not built yet");
  return EXIT.harnessBroke;
}
