import { describe, expect, it, onTestFinished, vi } from "vitest";
import { advisoryLockHolders } from "../../../harness/db/pg-locks";
import { bigintLockKey } from "../../../harness/target/lock-key";
import { useAppDatabase } from "../../../harness/vitest/app-database";
import { lockedCronHandler } from "./locked-cron-handler";

const KEY = 42_424_242_425n;

describe("lockedCronHandler", () => {
  const db = useAppDatabase("locked-cron-handler");
  const request = () => new Request("http://localhost/api/cron/unit-test", { headers: { authorization: "Bearer s3cret" } });

  it("works under the lock it hands over, and answers the work's result", async () => {
    process.env.CRON_SECRET = "s3cret";
    const GET = lockedCronHandler({
      name: "unit-test",
      lockKey: KEY,
      work: async (lease) => ({ holders: await advisoryLockHolders(db.observer, bigintLockKey(KEY)), leasePid: lease.backendPid }),
    });
    const body = (await (await GET(request())).json()) as { holders: { pid: number }[]; leasePid: number };
    expect(body.holders.map((h) => h.pid)).toEqual([body.leasePid]);
    expect(await advisoryLockHolders(db.observer, bigintLockKey(KEY))).toEqual([]);
  });

  it("logs a failed run under the route's name, answers a short 500 and releases the lock", async () => {
    process.env.CRON_SECRET = "s3cret";
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => logged.mockRestore());
    const failure = new Error("work failed");
    const GET = lockedCronHandler({ name: "unit-test", lockKey: KEY, work: () => Promise.reject(failure) });

    const response = await GET(request());
    expect(response.status).toBe(500);
    expect(logged).toHaveBeenCalledWith("[cron:unit-test] run failed:", failure);
    expect(await advisoryLockHolders(db.observer, bigintLockKey(KEY))).toEqual([]);
  });
});
