import type { ChaosWorld } from "./world";

/**
 * A fault, Jepsen-nemesis style: `start` waits for its trigger (an event in the history) and injects the
 * fault; `heal` undoes it; `evidence` proves it really happened. A fault without evidence fails.
 */
export interface Nemesis {
  readonly name: string;
  /** The real-world event it stands for. */
  readonly models: string;
  /** What it does to the instance's process (SIGKILL, SIGSTOP), for targets whose process is not the harness's. */
  readonly needsProcess?: string;
  /** Runs before the first tick (database settings, connection limits). */
  prepare?(world: ChaosWorld): Promise<void>;
  start(world: ChaosWorld): Promise<void>;
  heal(world: ChaosWorld): Promise<void>;
  evidence(world: ChaosWorld): Promise<{ fired: boolean; detail: string }>;
}
