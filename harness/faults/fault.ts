import type pg from "pg";
import type { History } from "../history";
import type { OpenAIMock } from "../openai/mock-openai";
import type { JobsAdapter } from "../target/jobs-adapter";

/** What a fault may act on: the scenario's database (as the harness), the OpenAI mock, and the target's tables. */
export interface FaultTarget {
  db: pg.Client;
  openai: OpenAIMock;
  history: History;
  jobs: JobsAdapter;
}

/**
 * One fault, Jepsen-nemesis style: start it, heal it, and prove it happened. A fault that never fired
 * turns the scenario's verdict into a failure, so a silent no-op cannot pass.
 */
export interface Fault {
  readonly name: string;
  /** The real-world event it stands for. */
  readonly models: string;
  /** Why this fault cannot act on a target whose jobs adapter lacks what it needs; undefined when it can. */
  unavailableFor?(jobs: JobsAdapter): string | undefined;
  start(target: FaultTarget): Promise<void>;
  heal(target: FaultTarget): Promise<void>;
  evidence(target: FaultTarget): Promise<FaultEvidence>;
}

/** Whether a fault really acted, and what showed it: a fault that never fired proves nothing. */
export interface FaultEvidence {
  fired: boolean;
  detail: string;
}
