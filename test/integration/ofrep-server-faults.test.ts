import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { databaseUrl } from "@/lib/db/database-url";
import type { EnvironmentSnapshot } from "@/lib/evaluation/environment-snapshot";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { SnapshotWorkerClient } from "@/lib/evaluation/snapshot-worker-client";
import { hashApiKey } from "@/lib/api-keys/api-key-secret";
import { createTeamFixture } from "../support/fixtures";
import { rawRequest } from "../support/hostile-client";
import { scenario } from "../support/scenario";
import { describeEachProvider } from "../support/test-database";

/** A real store with one fault planted: looking up one key throws, as a bug would. */
class FaultyStore extends EvaluationStore {
  faultyKeyHash = "";
  override environmentForKey(keyHash: string): EnvironmentSnapshot | null {
    if (keyHash === this.faultyKeyHash) throw new TypeError("planted fault");
    return super.environmentForKey(keyHash);
  }
}

// What no hostile input found (test/integration/fuzz-dedicated-server.test.ts), a bug could:
// the dedicated server answers it with a 500 and a log line, and goes on serving.
describeEachProvider("the dedicated server's last resort", () => {
  let server: Server;
  let store: FaultyStore;
  let baseUrl: string;
  let goodKey: string;
  let faultyKey: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const fx = await createTeamFixture();
    await scenario(fx).release("checkout");
    goodKey = (
      await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name: "good" })
    ).key;
    faultyKey = (
      await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name: "faulty" })
    ).key;
    store = new FaultyStore(new SnapshotWorkerClient(databaseUrl()), { pollIntervalMs: 100 });
    store.faultyKeyHash = hashApiKey(faultyKey);
    server = createOfrepServer(store, null, null, { log: (message) => logged.push(message) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await store.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  it("answers a request that hits a bug with a logged 500, before and after the store has loaded, and keeps serving", async () => {
    const body = JSON.stringify({ context: { targetingKey: "u-1" } });
    // The first request finds the store not loaded yet (the promise path), the second loaded.
    for (let i = 0; i < 2; i++) {
      const failed = await rawRequest(
        baseUrl,
        "POST",
        "/ofrep/v1/evaluate/flags/checkout",
        { authorization: `Bearer ${faultyKey}` },
        body,
      );
      expect(failed).toMatchObject({ status: 500, body: '{"errorDetails":"Internal error"}' });
    }
    expect(logged).toEqual([
      "[http] POST /ofrep/v1/evaluate/flags/checkout failed",
      "[http] POST /ofrep/v1/evaluate/flags/checkout failed",
    ]);
    const served = await rawRequest(
      baseUrl,
      "POST",
      "/ofrep/v1/evaluate/flags/checkout",
      { authorization: `Bearer ${goodKey}` },
      body,
    );
    expect(served.status).toBe(200);
    expect(JSON.parse(served.body)).toMatchObject({ key: "checkout", value: false });
  });
});
