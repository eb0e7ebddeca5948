import { EXIT } from "./exit-codes";

export async function initMain(argv: string[]): Promise<number> {
  void argv;
  console.error("cronstorm init: not built yet");
  return EXIT.harnessBroke;
}
