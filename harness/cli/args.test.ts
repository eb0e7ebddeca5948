import { describe, expect, it } from "vitest";
import { parseChaosArgs } from "./args";
import { parseBenchArgs } from "./bench-args";
import { blobDirOf } from "./shard-args";

describe("npm run chaos flags", () => {
  it("reads every flag", () => {
    expect(parseChaosArgs(["--only", "burst-2,auth-wrong", "--seed", "7", "--scale", "30", "--catalog", "--keep-db"])).toMatchObject({
      only: ["burst-2", "auth-wrong"],
      seed: 7,
      scale: 30,
      catalog: true,
      keepDb: true,
    });
  });

  it.each([
    [["--seed", "x"], '--seed takes a whole number from 0 to 4294967295, got "x"'],
    [["--scale", "0"], '--scale takes a whole number from 1 to 1000, got "0"'],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("rejects %j naming the flag", (argv, message) => {
    expect(() => parseChaosArgs(argv)).toThrow(message);
  });
});

describe("npm run bench flags", () => {
  it("defaults to the documented sweep: three budgets, one latency, the lock-off control, 1 h at x120", () => {
    const args = parseBenchArgs([]);
    expect(args.axes).toMatchObject({ budgetsMs: [120_000, 240_000, 480_000], latencies: ["normal"], control: true });
    expect(args.settings.windowMs).toBe(3_600_000);
    expect(args.scale).toBe(120);
  });

  it("reads human durations and lists", () => {
    const args = parseBenchArgs(["--budgets", "60s,4m", "--window", "2h", "--timeouts", "30s", "--retries", "0,2", "--concurrency", "2,8", "--no-control"]);
    expect(args.axes).toMatchObject({ budgetsMs: [60_000, 240_000], timeoutsMs: [30_000], retries: [0, 2], concurrency: [2, 8], control: false });
    expect(args.settings.windowMs).toBe(7_200_000);
  });

  it.each([
    [["--budgets", "60"], "--budgets takes durations like"],
    [["--latency", "fast"], "--latency takes normal, degraded, steady"],
    [["--concurrency", "0"], "--concurrency takes whole numbers from 1 to 64"],
    [["--duplicates", "1.5"], "--duplicates takes a probability from 0 to 1"],
    [["--window", "30s"], "--window must be at least one --interval long"],
  ])("rejects %j naming the flag and the accepted values", (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe("--shard and --blob-dir", () => {
  it("reads a catalog shard and its blob directory, and leaves both unset by default", () => {
    expect(parseChaosArgs(["--catalog", "--shard", "2/3", "--blob-dir", "out/blobs"])).toMatchObject({ shard: { index: 2, total: 3 }, blobDir: "out/blobs" });
    expect(parseChaosArgs(["--catalog"])).toMatchObject({ shard: undefined, blobDir: undefined });
    expect(parseBenchArgs(["--shard", "1/1"])).toMatchObject({ shard: { index: 1, total: 1 }, blobDir: undefined });
  });

  it("writes a blob into blob-report/ when sharded, into --blob-dir when given, and none for a plain run", () => {
    expect(blobDirOf(parseChaosArgs(["--catalog", "--shard", "1/2"]))).toBe("blob-report");
    expect(blobDirOf(parseChaosArgs(["--catalog", "--shard", "1/2", "--blob-dir", "out"]))).toBe("out");
    expect(blobDirOf(parseBenchArgs(["--blob-dir", "out"]))).toBe("out");
    expect(blobDirOf(parseChaosArgs(["--catalog"]))).toBeUndefined();
    expect(blobDirOf(parseBenchArgs([]))).toBeUndefined();
  });

  it.each([["3/2"], ["0/2"], ["1/0"], ["2"], ["1-2"], ["1/2/3"], [" 1/2"], ["1.5/2"], ["-1/2"], ["01/2"], ["a/b"], [""]])("rejects --shard %j naming the flag and the form i/n with 1 ≤ i ≤ n", (raw) => {
    const message = `--shard takes i/n, this run's shard i of n with whole numbers 1 ≤ i ≤ n (e.g. --shard 1/2), got "${raw}"`;
    // --shard=… so that parseArgs hands over values starting with a dash too.
    expect(() => parseChaosArgs(["--catalog", `--shard=${raw}`])).toThrow(message);
    expect(() => parseBenchArgs([`--shard=${raw}`])).toThrow(message);
  });

  it.each([
    [["--shard", "1/2"], "--shard applies to a catalog run (`cronstorm catalog`) or a bench (`cronstorm bench`); the scenario suite runs whole"],
    [["--blob-dir", "b"], "--blob-dir applies to a catalog run"],
    [["--catalog", "--list", "--shard", "1/2"], "--list runs nothing"],
    [["--catalog", "--blob-dir", " "], '--blob-dir takes a directory, got ""'],
  ])("rejects %j: only a catalog run or a bench splits", (argv, message) => {
    expect(() => parseChaosArgs(argv)).toThrow(message);
  });
});
