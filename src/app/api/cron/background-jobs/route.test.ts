import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { describe, expect, it, onTestFinished } from "vitest";
import { useAppDatabase } from "../../../../../harness/vitest/app-database";
import type { LockEvent } from "../../../../lib/observability";
import { dynamic, GET, maxDuration } from "./route";

describe("GET /api/cron/background-jobs", () => {
  const db = useAppDatabase("background-jobs-route");

  it("keeps the phase 94c route settings: 800 s on Vercel, never statically rendered", () => {
    expect(maxDuration).toBe(800);
    expect(dynamic).toBe("force-dynamic");
  });

  it("locks its own key on a session named after it, and hands that session to the runner", async () => {
    process.env.CRON_SECRET = "s3cret";
    const events: LockEvent[] = [];
    const listener = (message: unknown) => void events.push(message as LockEvent);
    subscribe("cronstorm-app:lock", listener);
    onTestFinished(() => void unsubscribe("cronstorm-app:lock", listener));

    const response = await GET(new Request("http://localhost/api/cron/background-jobs", { headers: { authorization: "Bearer s3cret" } }));
    const body = (await response.json()) as { runId: string; claimed: number; stoppedBy: string };
    expect(body).toMatchObject({ success: true, claimed: 0, stoppedBy: "empty" });

    const acquire = events.find((e) => e.phase === "acquire");
    expect(acquire).toMatchObject({ route: "background-jobs", key: "63063063063", acquired: true });
    // The runner records the lock session's pid: it was given the lease (and so its `lost` signal).
    const { rows } = await db.observer.query<{ pid: number }>("select lock_backend_pid as pid from background_job_runs where run_id = $1", [body.runId]);
    expect(rows).toEqual([{ pid: acquire?.backendPid }]);
  });
});
