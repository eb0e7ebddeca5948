import { proceeded, skipped } from "../checks/bodies";
import { holdIntervals, workIntervals } from "../checks/intervals";
import type { History, HistoryEvent } from "../history";

/** How a span reads on the timeline: what an invocation answered, or what a lock hold or job was. */
export type SpanTone = "ran" | "locked" | "refused" | "error" | "no-answer" | "hold" | "job" | "instance";

export interface TimelineSpan {
  /** Wall milliseconds from the first event; the report converts them to production seconds. */
  start: number;
  /** null: it never ended within the history (a lock never released, an invocation never answered). */
  end: number | null;
  tone: SpanTone;
  label: string;
  /** Part of the failing invariant's evidence: two runs at once, a lock never released, a job run twice. */
  evidence?: boolean;
}

export interface TimelineLane {
  group: "instances" | "invocations" | "lock" | "pg-locks" | "work";
  label: string;
  spans: TimelineSpan[];
}

export interface Timeline {
  /** Production milliseconds per wall millisecond, to label the axis in production units. */
  timeScale: number;
  durationMs: number;
  lanes: TimelineLane[];
  faults: { name: string; start: number; end: number | null }[];
  /** Cron ticks of a catalog run. */
  ticks: number[];
}

/**
 * The history as lanes to draw: one per invocation (request → response), one per lock session (hold as
 * the route reported it, ended at the kill where a fault killed its session or process), one per run (each job from claim to finish), and the fault windows. When the
 * scenario failed, the spans that show why are marked: runs that overlapped, holds never released,
 * jobs claimed by more than one run.
 */
export function buildTimeline(history: History, timeScale: number, failed: boolean): Timeline {
  const events = history.all();
  const origin = Math.min(...events.map((e) => e.at));
  const rel = (at: number) => (Number.isFinite(at) ? at - origin : null);
  const invocations = invocationSpans(history, rel);
  const holds = holdIntervals(history, "narrowest");
  const work = workIntervals(history);
  const jobRuns = new Map<string, Set<string>>();
  for (const w of work) if (w.jobId) jobRuns.set(w.jobId, (jobRuns.get(w.jobId) ?? new Set()).add(w.runId));

  const ranOverlap = overlapping(invocations.filter((s) => s.span.tone === "ran").map((s) => s.span));
  const lastAt = Math.max(...events.map((e) => e.at)) - origin;
  const lanes: TimelineLane[] = [
    ...instanceLanes(history, rel, lastAt),
    ...invocations.map(({ label, span }) => ({ group: "invocations" as const, label, spans: [{ ...span, evidence: failed && ranOverlap.has(span) }] })),
    ...holds.map((h) => ({
      group: "lock" as const,
      label: `lock, session ${h.backendPid ?? "?"} on ${h.instance}`,
      spans: [{ start: h.start - origin, end: rel(h.end), tone: "hold" as const, label: "held", evidence: failed && !Number.isFinite(h.end) }],
    })),
    ...pgLockLanes(history, rel, failed),
    ...[...new Set(work.map((w) => w.runId))].map((runId) => ({
      group: "work" as const,
      label: `run ${runId.slice(0, 8)}`,
      spans: work
        .filter((w) => w.runId === runId)
        .map((w) => ({
          start: w.start - origin,
          end: rel(w.end),
          tone: "job" as const,
          label: `job ${w.jobId ?? "?"}`,
          evidence: failed && (jobRuns.get(w.jobId ?? "")?.size ?? 0) > 1,
        })),
    })),
  ];
  return { timeScale, durationMs: lastAt, lanes, faults: faultWindows(history, rel), ticks: history.ofType("tick").map((t) => t.at - origin) };
}

/** Each app instance process (isolated mode), from the start to its exit, or up to the end. */
function instanceLanes(history: History, rel: (at: number) => number | null, lastAt: number): TimelineLane[] {
  const names = [...new Set(history.ofType("invoke").flatMap((e) => (e.instance ? [e.instance] : [])))];
  return names.map((name) => {
    const exit = history.ofType("instance").find((e) => e.instance === name && e.phase === "exit");
    const label = exit ? `ended: ${exit.signal ?? `exit code ${exit.code}`}` : "up";
    return { group: "instances" as const, label: `instance ${name}`, spans: [{ start: 0, end: exit ? rel(exit.at) : lastAt, tone: "instance" as const, label }] };
  });
}

function invocationSpans(history: History, rel: (at: number) => number | null): { label: string; span: TimelineSpan }[] {
  const answers = new Map<number, HistoryEvent>();
  for (const e of history.all()) if ((e.type === "ok" || e.type === "fail" || e.type === "info") && !answers.has(e.invocation)) answers.set(e.invocation, e);
  return history.ofType("invoke").map((invoke) => {
    const answer = answers.get(invoke.invocation);
    const [tone, label] = answerOf(answer);
    return {
      label: `#${invoke.invocation}${invoke.instance ? ` on ${invoke.instance}` : ""}`,
      span: { start: rel(invoke.at) ?? 0, end: answer ? rel(answer.at) : null, tone, label },
    };
  });
}

function answerOf(answer: HistoryEvent | undefined): [SpanTone, string] {
  if (!answer) return ["no-answer", "no answer"];
  if (answer.type === "info") return ["error", `threw: ${answer.error}`];
  if (answer.type !== "ok" && answer.type !== "fail") return ["error", answer.type];
  if (answer.status === 200 && skipped(answer)) return ["locked", `${answer.status} skipped: ${String((answer.body as { reason?: unknown }).reason)}`];
  if (proceeded(answer)) return ["ran", `${answer.status} ran`];
  if (answer.status === 401) return ["refused", "401"];
  return ["error", String(answer.status)];
}

/** Each session pg_locks showed holding the key, from the sample it appeared in to the one it left. */
function pgLockLanes(history: History, rel: (at: number) => number | null, failed: boolean): TimelineLane[] {
  const open = new Map<number, number>();
  const spans = new Map<number, TimelineSpan[]>();
  const close = (pid: number, at: number | null) => {
    const start = open.get(pid) ?? 0;
    open.delete(pid);
    spans.set(pid, [...(spans.get(pid) ?? []), { start, end: at, tone: "hold", label: `pid ${pid} in pg_locks`, evidence: failed && at === null }]);
  };
  for (const sample of history.ofType("pg-lock-holders")) {
    const at = rel(sample.at) ?? 0;
    for (const pid of [...open.keys()]) if (!sample.pids.includes(pid)) close(pid, at);
    for (const pid of sample.pids) if (!open.has(pid)) open.set(pid, at);
  }
  // Still held at the last sample, after the run was over: never released.
  for (const pid of [...open.keys()]) close(pid, null);
  return [...spans.entries()].map(([pid, pidSpans]) => ({ group: "pg-locks" as const, label: `pg_locks: session ${pid}`, spans: pidSpans }));
}

function faultWindows(history: History, rel: (at: number) => number | null): Timeline["faults"] {
  const faults = history.ofType("fault");
  return faults
    .filter((f) => f.phase === "start")
    .map((start) => {
      const heal = faults.find((f) => f.phase === "heal" && f.fault === start.fault && f.at >= start.at);
      return { name: start.fault, start: rel(start.at) ?? 0, end: heal ? rel(heal.at) : null };
    });
}

/** The spans that overlap another span in time (an open span runs to the end). */
function overlapping(spans: TimelineSpan[]): Set<TimelineSpan> {
  const found = new Set<TimelineSpan>();
  const endOf = (s: TimelineSpan) => s.end ?? Number.POSITIVE_INFINITY;
  for (const a of spans) for (const b of spans) if (a !== b && a.start < endOf(b) && b.start < endOf(a)) found.add(a);
  return found;
}
