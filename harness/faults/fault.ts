import type pg from "pg";
import type { History } from "../history";
import type { OpenAIMock } from "../openai/mock-openai";

/** What a fault may act on: the scenario's database (as the harness) and the OpenAI mock. */
export interface FaultTarget {
  db: pg.Client;
  openai: OpenAIMock;
  history: History;
}

/**
 * One fault, Jepsen-nemesis style: start it, heal it, and prove it happened. A fault that never fired
 * turns the scenario's verdict into a failure, so a silent no-op cannot pass.
 */
export interface Fault {
  readonly name: string;
  /** The real-world event it stands for. */
  readonly models: string;
  start(target: FaultTarget): Promise<void>;
  heal(target: FaultTarget): Promise<void>;
  evidence(target: FaultTarget): Promise<{ fired: boolean; detail: string }>;
}
