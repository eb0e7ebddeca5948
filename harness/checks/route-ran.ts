import type { History } from "../history";
import type { Invocation } from "../invoker";
import { proceeded, skipped } from "./bodies";
import { fail, type Verdict } from "./verdict";

export const ROUTE_RAN_INVARIANT = "the route runs";

export interface RouteRanInput {
  burst: Invocation[];
  history: History;
  /** Rows in the target's attempts table after the run. */
  attempts: number;
  /** The scenario's database: an app talking to another one names it in its errors. */
  databaseName: string;
  /** "shared" when the app's modules live in the harness's process (stale module state is possible). */
  mode: string;
}

/**
 * Whether the route got as far as its lock at all. When none of a burst's invocations did (none ran or
 * answered "locked", no lock was seen taken, no job attempted), every other failure follows from that:
 * this verdict is listed first, with what the invocations answered and, when the app never opened a
 * session on the scenario's database, the likely cause. undefined when the route ran.
 */
export function routeNeverRan({ burst, history, attempts, databaseName, mode }: RouteRanInput): Verdict | undefined {
  if (burst.length === 0 || burst.some((i) => proceeded(i) || skipped(i)) || attempts > 0) return undefined;
  if (history.ofType("lock").length > 0 || history.ofType("pg-lock-holders").some((e) => e.pids.length > 0)) return undefined;
  const answers = describeAnswers(burst);
  const neverConnected = !history.ofType("pg-sessions").some((e) => e.count > 0);
  return fail(
    ROUTE_RAN_INVARIANT,
    `none of the ${burst.length} invocations got as far as the lock: ${answers}.${neverConnected ? ` ${staleDatabaseHint(burst, databaseName, mode)}` : ""} The failures below follow from this.`,
  );
}

/** Identical answers once, with the invocations that gave them: "#0–#9 answered 500 {…}". */
function describeAnswers(burst: Invocation[]): string {
  const byAnswer = new Map<string, number[]>();
  for (const i of burst) {
    const answer = i.status === undefined ? `threw ${i.error ?? "no error"}` : `answered ${i.status} ${JSON.stringify(i.body)}`;
    byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), i.index]);
  }
  return [...byAnswer.entries()].map(([answer, indexes]) => `${indexList(indexes)} ${answer}`).join("; ");
}

function indexList(indexes: number[]): string {
  const first = indexes[0];
  const last = indexes.at(-1);
  if (indexes.length === 1) return `#${first}`;
  return last !== undefined && first !== undefined && last - first === indexes.length - 1 ? `#${first}–#${last}` : indexes.map((i) => `#${i}`).join(", ");
}

const DATABASE_MISSING = /database "([^"]+)" does not exist/;

function staleDatabaseHint(burst: Invocation[], databaseName: string, mode: string): string {
  const texts = burst.map((i) => `${i.error ?? ""} ${JSON.stringify(i.body ?? "")}`);
  const other = texts.map((t) => DATABASE_MISSING.exec(t)?.[1]).find((name) => name !== undefined && name !== databaseName);
  const app = other ? `The app still talks to database "${other}", dropped after an earlier scenario` : `The app never opened a session on this scenario's database "${databaseName}"`;
  if (mode !== "shared") return `${app}: does its database URL env reach the database the harness gave it?`;
  return (
    `${app}: stale module state. The app most likely builds its database client at import time, so it still holds an earlier scenario's (dropped) database. ` +
    "Run it with --mode isolated (fresh processes), drop the target's resetModuleState (shared mode then keeps the app's database URL fixed for the run), " +
    "or build the client on first use and have resetModuleState close and forget it."
  );
}
