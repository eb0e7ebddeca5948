import type pg from "pg";
import type { History } from "../history";
import type { OpenAIMock } from "../openai/mock-openai";
import type { JobsAdapter } from "../target/jobs-adapter";

/** What every fault may act on: the trial's database (as the harness's observer session), the OpenAI mock, and the target's tables. */
export interface FaultTarget {
  observer: pg.Client;
  openai: OpenAIMock;
  history: History;
  jobs: JobsAdapter;
}

/**
 * One fault, Jepsen-nemesis style, for every driver: a scenario's fault acts on a `FaultTarget`, a
 * catalog entry's on the catalog's richer world (its instances, ticks and pooler). `start` injects it (or
 * waits for its trigger and then does), `heal` undoes it, `evidence` proves it happened: a fault that
 * never fired turns the verdict into a failure, so a silent no-op cannot pass.
 */
export interface Fault<World extends FaultTarget = FaultTarget> {
  readonly name: string;
  /** The real-world event it stands for. */
  readonly models: string;
  /** What it does to an instance's process (SIGKILL, SIGSTOP), for targets whose process is not the harness's. */
  readonly needsProcess?: string;
  /** Why this fault cannot act on a target whose jobs adapter lacks what it needs; undefined when it can. */
  unavailableFor?(jobs: JobsAdapter): string | undefined;
  /** Runs before the app starts (database settings, connection limits). */
  prepare?(world: World): Promise<void>;
  start(world: World): Promise<void>;
  heal(world: World): Promise<void>;
  evidence(world: World): Promise<FaultEvidence>;
}

/** Whether a fault really acted, and what showed it: a fault that never fired proves nothing. */
export interface FaultEvidence {
  fired: boolean;
  detail: string;
}
