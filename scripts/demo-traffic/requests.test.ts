import { describe, expect, it } from "vitest";
import { servedAssignments } from "./assignments";
import { ObservationBatch, type Observation } from "./observations";
import { parseOptions } from "./options";
import { MAX_ITEMS_PER_REQUEST, splitIntoRequests } from "./send-in-chunks";

describe("what the generator sends", () => {
  it("tags only releases being rolled out, with the cohort and variant OFREP answered", () => {
    const served = servedAssignments([
      { key: "a", variant: "treatment", metadata: { cohort: "mobile", status: "rolling" } },
      { key: "b", variant: "control", metadata: { cohort: "eu", status: "paused" } },
      { key: "c", variant: "treatment", metadata: { cohort: "eu", status: "promoted" } },
      { key: "d", variant: "control", metadata: { status: "draft" } },
      { key: "e" },
    ]);
    expect(served.live).toEqual([
      { release: "a", cohort: "mobile", variant: "treatment" },
      { release: "b", cohort: "eu", variant: "control" },
    ]);
    expect(served.all.map((a) => `${a.release}:${a.cohort}`)).toEqual(["a:mobile", "b:eu", "c:eu", "d:default"]);
  });

  it("sums requests and errors per series between sends and keeps latency samples one by one", () => {
    const batch = new ObservationBatch();
    const assignment = { release: "a", cohort: "mobile", variant: "treatment" } as const;
    batch.add(assignment, { requests: 3, errors: 1, latencies: [100, 120, 900], checkouts: 1 });
    batch.add(assignment, { requests: 2, errors: 0, latencies: [80, 95], checkouts: 0 });
    const drained = batch.drain(1_000);
    expect(drained.filter((o) => o.metric === "error-rate")).toEqual([
      { metric: "error-rate", ...assignment, count: 5, sum: 1, timestamp: 1_000 },
    ]);
    expect(drained.filter((o) => o.metric === "checkouts")).toEqual([
      { metric: "checkouts", ...assignment, value: 1, timestamp: 1_000 },
    ]);
    expect(drained.filter((o) => o.metric === "latency").map((o) => o.value)).toEqual([100, 120, 900, 80, 95]);
    expect(batch.isEmpty).toBe(true);
    expect(batch.drain(2_000)).toEqual([]);
  });

  it("splits big batches under the ingest limits of 5,000 items and 1 MiB", () => {
    const item = (key: string): Observation => ({
      metric: "latency",
      release: key,
      cohort: key,
      variant: "control",
      value: 1,
      timestamp: 1,
    });
    const many = Array.from({ length: 12_001 }, () => item("r"));
    expect(splitIntoRequests(many).map((r) => r.length)).toEqual([MAX_ITEMS_PER_REQUEST, MAX_ITEMS_PER_REQUEST, 2_001]);
    const wide = Array.from({ length: 4_000 }, () => item("r".repeat(128)));
    const requests = splitIntoRequests(wide);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r) => Buffer.byteLength(JSON.stringify({ observations: r })) < 1024 * 1024)).toBe(true);
    expect(requests.flat()).toHaveLength(4_000);
  });
});

describe("options", () => {
  const env = { GLIDEPATH_DEMO_SDK_KEY: "gp_sdk_x" };

  it("has defaults for everything but the key, which also comes from data/.demo-sdk-key", () => {
    expect(parseOptions([], env, "/nowhere")).toEqual({
      baseUrl: "http://localhost:3000",
      sdkKey: "gp_sdk_x",
      usersPerSecond: 20,
      backfillHours: 24,
      durationSeconds: null,
      poolSize: 10_000,
      seed: 1,
      stateFile: "/nowhere/data/.demo-traffic.json",
      logEverySeconds: 10,
    });
    expect(() => parseOptions([], {}, "/nowhere")).toThrow(/--key: no SDK key/);
  });

  it("takes arguments over environment variables and names the option that is wrong", () => {
    const options = parseOptions(
      [
        "--url",
        "http://127.0.0.1:3101/",
        "--key",
        "k",
        "--backfill-hours",
        "2",
        "--duration",
        "5",
        "--state-file",
        "none",
      ],
      { ...env, GLIDEPATH_URL: "http://x", GLIDEPATH_DEMO_BACKFILL_HOURS: "7" },
      "/nowhere",
    );
    expect(options).toMatchObject({
      baseUrl: "http://127.0.0.1:3101",
      sdkKey: "k",
      backfillHours: 2,
      durationSeconds: 5,
      stateFile: null,
    });
    expect(parseOptions([], { ...env, GLIDEPATH_DEMO_USERS_PER_SECOND: "50" }, "/nowhere")).toMatchObject({
      usersPerSecond: 50,
    });
    expect(() => parseOptions(["--backfill-hours", "500"], env)).toThrow(
      /--backfill-hours: "500" must be a number from 0 to 167/,
    );
    expect(() => parseOptions(["--users-per-second", "lots"], env)).toThrow(/--users-per-second/);
    expect(() => parseOptions(["--url", "localhost:3000"], env)).toThrow(/--url/);
    expect(() => parseOptions(["--nope"], env)).toThrow(/nope/);
    expect(parseOptions(["--help"], env)).toBe("help");
  });
});
