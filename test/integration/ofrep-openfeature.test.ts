import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { OpenFeature as ServerOpenFeature } from "@openfeature/server-sdk";
import { OpenFeature as WebOpenFeature } from "@openfeature/web-sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { RateLimiter } from "@/lib/evaluation/rate-limiter";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { describeEachProvider } from "../support/test-database";

// Applications talk to Glidepath through the official OpenFeature SDKs, unchanged.
describeEachProvider("OFREP with the OpenFeature SDKs", () => {
  let fx: TeamFixture;
  let server: Server;
  let store: EvaluationStore;
  let baseUrl: string;
  let sdkKey: string;
  let keyId: string;

  beforeAll(async () => {
    fx = await createTeamFixture();
    const { editor, admin } = fx.actors;
    const teamSlug = fx.team.slug;
    await createCohort(editor, {
      teamSlug,
      key: "staff",
      name: "Staff",
      definition: { kind: "rules", conditions: [{ attribute: "email", operator: "endsWith", values: ["@acme.test"] }] },
    });
    await createCohort(editor, {
      teamSlug,
      key: "eu",
      name: "EU",
      definition: { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }] },
    });
    await createRelease(editor, { teamSlug, key: "checkout", name: "Checkout" });
    await setRollout(editor, {
      teamSlug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { staff: 10_000, eu: 2_500 },
    });
    await changeReleaseStatus(editor, {
      teamSlug,
      releaseKey: "checkout",
      environmentKey: "production",
      command: "start",
      expectedVersion: 2,
    });
    await createRelease(editor, { teamSlug, key: "dark-mode", name: "Dark mode" });
    await changeReleaseStatus(editor, {
      teamSlug,
      releaseKey: "dark-mode",
      environmentKey: "production",
      command: "promote",
      expectedVersion: 1,
    });
    const created = await createSdkKey(admin, { teamSlug, environmentKey: "production", name: "web" });
    sdkKey = created.key;
    keyId = created.id;

    store = EvaluationStore.forDatabase(databaseUrl(), { pollIntervalMs: 100 });
    server = createOfrepServer(store, new RateLimiter(1_000, 1_000));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await ServerOpenFeature.close();
    await WebOpenFeature.close();
    await store.stop();
    // SDK clients keep connections alive (the web one polls); close() alone waits on them.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("server SDK: evaluates a single flag with reason, variant and cohort metadata", async () => {
    await ServerOpenFeature.setProviderAndWait(
      "glidepath",
      new OFREPProvider({ baseUrl, headers: [["Authorization", `Bearer ${sdkKey}`]] }),
    );
    const client = ServerOpenFeature.getClient("glidepath");

    const staff = await client.getBooleanDetails("checkout", false, { targetingKey: "u-1", email: "kim@acme.test" });
    expect(staff).toMatchObject({ value: true, reason: "TARGETING_MATCH", variant: "treatment" });
    expect(staff.flagMetadata).toMatchObject({ cohort: "staff", status: "rolling", environment: "production" });

    const outsider = await client.getBooleanDetails("checkout", true, { targetingKey: "u-2", country: "US" });
    expect(outsider).toMatchObject({ value: false, reason: "STATIC", variant: "control" });
    expect(outsider.flagMetadata.cohort).toBe("default");

    const eu = await client.getBooleanDetails("checkout", false, { targetingKey: "u-3", country: "DE" });
    expect(eu.reason).toBe("SPLIT");
    expect(eu.flagMetadata.cohort).toBe("eu");
    expect(eu.value).toBe((eu.flagMetadata.bucket as number) < 2500);

    const promoted = await client.getBooleanDetails("dark-mode", false, { targetingKey: "u-4" });
    expect(promoted).toMatchObject({ value: true, reason: "STATIC", variant: "treatment" });
  });

  it("server SDK: unknown flag and missing targeting key come back as OpenFeature errors", async () => {
    const client = ServerOpenFeature.getClient("glidepath");
    const missing = await client.getBooleanDetails("no-such-release", false, { targetingKey: "u-1" });
    expect(missing).toMatchObject({ value: false, errorCode: "FLAG_NOT_FOUND", reason: "ERROR" });
    const noKey = await client.getBooleanDetails("checkout", false, { country: "DE" });
    expect(noKey).toMatchObject({ value: false, errorCode: "TARGETING_KEY_MISSING", reason: "ERROR" });
  });

  it("web SDK: bulk evaluation, 304 while nothing changed, new value after a percentage change", async () => {
    const requests: { status: number; etag: string | null }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ status: response.status, etag: response.headers.get("etag") });
      return response;
    };
    const provider = new OFREPWebProvider({
      baseUrl,
      headers: [["X-API-Key", sdkKey]],
      cacheMode: "disabled",
      pollInterval: 100,
      changeDetection: "polling",
      fetchImplementation: recordingFetch,
    });
    await WebOpenFeature.setContext({ targetingKey: "web-user", country: "FR" });
    await WebOpenFeature.setProviderAndWait("web", provider);
    const client = WebOpenFeature.getClient("web");
    const before = client.getBooleanDetails("checkout", false);
    expect(before.flagMetadata.cohort).toBe("eu");
    const bucket = before.flagMetadata.bucket as number;
    expect(before.value).toBe(bucket < 2500);

    await expect.poll(() => requests.filter((r) => r.status === 304).length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(requests[0]).toMatchObject({ status: 200 });
    expect(requests[0]!.etag).toBeTruthy();

    // Move the EU cohort to the other side of this user's bucket, as an editor would.
    const target = before.value ? 0 : 10_000;
    const rollout = await getDb().releaseRollout.findFirstOrThrow({
      where: { release: { key: "checkout", teamId: fx.team.id }, environmentId: fx.environments.production.id },
    });
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: rollout.version,
      defaultBasisPoints: 0,
      cohorts: { eu: target },
    });
    await expect.poll(() => client.getBooleanValue("checkout", before.value), { timeout: 5_000 }).toBe(!before.value);
    expect(requests.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
  });

  it("answers plain HTTP errors the way the OFREP schema says", async () => {
    const post = (
      path: string,
      body: string,
      headers: Record<string, string> = { authorization: `Bearer ${sdkKey}` },
    ) =>
      fetch(`${baseUrl}/ofrep/v1/evaluate/flags${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    const parse = await post("/checkout", "{not json");
    expect(parse.status).toBe(400);
    expect(await parse.json()).toMatchObject({ key: "checkout", errorCode: "PARSE_ERROR" });
    const wrongType = await post("/checkout", JSON.stringify({ context: { targetingKey: 42 } }));
    expect(await wrongType.json()).toMatchObject({ errorCode: "INVALID_CONTEXT" });
    const tooBig = await post(
      "/checkout",
      JSON.stringify({ context: { targetingKey: "u", blob: "x".repeat(70_000) } }),
    );
    expect(tooBig.status).toBe(413);
    const noKey = await post("/checkout", "{}", {});
    expect(noKey.status).toBe(401);
    expect(await noKey.text()).toBe("");
    const wrongKey = await post("/checkout", "{}", { authorization: "Bearer gp_sdk_wrong" });
    expect(wrongKey.status).toBe(403);
    expect(await wrongKey.text()).toBe("");
  });

  it("answers 429 with Retry-After when a key exceeds its rate limit", async () => {
    const strict = createOfrepServer(store, new RateLimiter(2, 2));
    await new Promise<void>((resolve) => strict.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(strict.address() as AddressInfo).port}/ofrep/v1/evaluate/flags/checkout`;
      const burst = await Promise.all(
        Array.from({ length: 5 }, () =>
          fetch(url, {
            method: "POST",
            headers: { "x-api-key": sdkKey },
            body: JSON.stringify({ context: { targetingKey: "u" } }),
          }),
        ),
      );
      expect(burst.filter((r) => r.status === 200)).toHaveLength(2);
      const limited = burst.filter((r) => r.status === 429);
      expect(limited).toHaveLength(3);
      expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await new Promise((resolve) => strict.close(resolve));
    }
  });

  it("bulk answers advertise an SSE change stream that says refetchEvaluation when the config moves", async () => {
    const bulk = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags`, {
      method: "POST",
      headers: { "x-api-key": sdkKey },
      body: JSON.stringify({ context: { targetingKey: "sse-user" } }),
    });
    const { eventStreams } = (await bulk.json()) as {
      eventStreams: { type: string; url: string; inactivityDelaySec: number }[];
    };
    expect(eventStreams).toHaveLength(1);
    expect(eventStreams[0]).toMatchObject({ type: "sse", inactivityDelaySec: 120 });
    expect(eventStreams[0]!.url).not.toContain(sdkKey);

    const controller = new AbortController();
    const stream = await fetch(eventStreams[0]!.url, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += decoder.decode(value);
      }
    };
    await readUntil("connected");
    const rollout = await getDb().releaseRollout.findFirstOrThrow({
      where: { release: { key: "dark-mode", teamId: fx.team.id }, environmentId: fx.environments.production.id },
    });
    const changedAt = Date.now();
    await changeReleaseStatus(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "dark-mode",
      environmentKey: "production",
      command: "rollback",
      expectedVersion: rollout.version,
    });
    await readUntil("refetchEvaluation");
    expect(Date.now() - changedAt).toBeLessThan(1_000);
    expect(received).toMatch(/id: \d+\nevent: message\ndata: \{"type":"refetchEvaluation"/);
    controller.abort();

    const unknown = await fetch(`${baseUrl}/ofrep/v1/events?key=${"0".repeat(64)}`);
    expect(unknown.status).toBe(403);
  });

  it("a revoked key is refused within a second", async () => {
    const body = JSON.stringify({ context: { targetingKey: "u" } });
    const call = () =>
      fetch(`${baseUrl}/ofrep/v1/evaluate/flags/checkout`, {
        method: "POST",
        headers: { authorization: `Bearer ${sdkKey}` },
        body,
      });
    expect((await call()).status).toBe(200);
    await revokeApiKey(fx.actors.admin, { teamSlug: fx.team.slug, keyId });
    const revokedAt = Date.now();
    await expect.poll(async () => (await call()).status, { timeout: 1_000, interval: 50 }).toBe(403);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
  });
});
