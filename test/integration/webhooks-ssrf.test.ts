import { afterEach, beforeEach, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ForbiddenError, ValidationError } from "@/lib/errors/domain-errors";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { dispatchDueWebhooks } from "@/lib/webhooks/dispatch-due-webhooks";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { setWebhookAllowList } from "@/lib/webhooks/set-webhook-allow-list";
import { startDnsServer } from "../support/dns-server";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { deliveriesOf, enqueue, eventFor, manualClock, startReceiver, type Receiver } from "./webhooks-support";
import { accessOf } from "../support/team-access";

// Internal addresses, spelled every way a URL can spell them.
const INTERNAL_URLS = [
  "http://127.0.0.1:5432/",
  "http://localhost:3300/hook",
  "http://app.localhost/hook",
  "https://169.254.169.254/latest/meta-data/",
  "https://[::1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:a9fe:a9fe]/latest/meta-data/",
  "https://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
  "http://2130706433/hook",
  "http://0x7f.0.0.1/hook",
  "http://0177.0.0.1/hook",
  "https://10.0.0.5/hook",
  "https://172.16.4.2/hook",
  "https://192.168.1.10/hook",
  "https://100.100.100.200/latest/meta-data/",
  "https://0.0.0.0/hook",
  "https://[fe80::1]/hook",
  "https://[fd00:ec2::254]/latest/meta-data/",
] as const;

describeEachProvider("webhooks can't be aimed at internal addresses", () => {
  let fx: TeamFixture;
  let receiver: Receiver;
  const teamSlug = () => fx.team.slug;
  const allow = (entries: string) => setWebhookAllowList(fx.actors.admin, { teamSlug: teamSlug(), entries });
  const create = (url: string) =>
    createWebhook(fx.actors.admin, { teamSlug: teamSlug(), name: "Receiver", url, format: "generic", events: [] });

  beforeEach(async () => {
    fx = await createTeamFixture();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await getDb().webhookDelivery.deleteMany({});
  });

  it.each(INTERNAL_URLS)("refused when saved: %s", async (url) => {
    const error = await rejectionOf(create(url), ValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual(["url"]);
    expect(error.fieldErrors.url?.join(" ")).toMatch(
      /is .*an internal address \((loopback|private|link-local|metadata|unspecified)\): webhooks can't reach it unless an admin adds it/,
    );
    expect(await getDb().webhook.count({ where: { teamId: fx.team.id } })).toBe(0);
  });

  it("the allow list lets a named destination through, and only that one: by address, by host and port", async () => {
    const port = Number(new URL(receiver.url).port);
    await allow(`127.0.0.1:${port}`);
    const { id } = await create(receiver.url);
    await expect(create(`http://127.0.0.1:${port + 1}/other`)).rejects.toThrow(/internal address \(loopback\)/);
    await allow(`127.0.0.1:${port}\nlocalhost:${port}`);
    await expect(create(`http://localhost:${port}/hook`)).resolves.toBeDefined();
    await expect(create(`http://localhost:${port + 1}/hook`)).rejects.toThrow(/internal address/);

    await enqueue(eventFor(fx));
    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ delivered: 2 });
    expect(receiver.requests).toHaveLength(2);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "delivered" });
  });

  it("checked again when sending: a destination taken off the list is refused and nothing reaches it", async () => {
    await allow("127.0.0.1");
    const { id } = await create(receiver.url);
    await allow("");
    await enqueue(eventFor(fx));

    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ retrying: 1 });
    expect(receiver.requests).toHaveLength(0);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: "pending", lastStatusCode: null });
    expect(row?.lastError).toMatch(/^Refused: the destination is an internal address \(loopback\)/);
    expect(row?.lastResponse).toBe("127.0.0.1 is an internal address (loopback)");
  });

  it("DNS rebinding: a name that resolves to 127.0.0.1 only when the request connects is refused at connect time, unless the list names it", async () => {
    const dns = await startDnsServer();
    const port = Number(new URL(receiver.url).port);
    const url = `http://rebind.glidepath.test:${port}/hooks/glidepath`;
    try {
      // Saved while the name resolves nowhere (the save-time check can't see an address).
      process.env.GLIDEPATH_WEBHOOKS_ALLOW_HTTP = "1";
      const { id } = await create(url).finally(() => delete process.env.GLIDEPATH_WEBHOOKS_ALLOW_HTTP);
      await enqueue(eventFor(fx));
      const clock = manualClock();

      // At send time the name points at this machine: the socket is never opened.
      dns.answer("rebind.glidepath.test", ["127.0.0.1"]);
      expect(await dispatchDueWebhooks({ now: clock.now, resolve: dns.lookup })).toMatchObject({ retrying: 1 });
      expect(dns.queries).toContain("rebind.glidepath.test");
      expect(receiver.requests).toHaveLength(0);
      const [refused] = await deliveriesOf(id);
      expect(refused?.lastError).toMatch(/^Refused: the destination is an internal address \(loopback\)/);
      expect(refused?.lastResponse).toBe("rebind.glidepath.test is 127.0.0.1, an internal address (loopback)");

      // Named on the allow list, the same answer goes through: the check is the list's, per name.
      await allow(`rebind.glidepath.test:${port}`);
      clock.advance(60_000);
      expect(await dispatchDueWebhooks({ now: clock.now, resolve: dns.lookup })).toMatchObject({ delivered: 1 });
      expect(receiver.requests).toHaveLength(1);
      expect(receiver.requests[0]?.headers.host).toBe(`rebind.glidepath.test:${port}`);
    } finally {
      await dns.close();
    }
  });

  it("what a receiver answers reaches admins only: viewers, editors and approvers see the status", async () => {
    await allow("127.0.0.1");
    const { id } = await create(receiver.url);
    await enqueue(eventFor(fx));
    const clock = manualClock();
    receiver.reply({ status: 500, body: "db_password=hunter2 (from the receiver)" });
    await dispatchDueWebhooks({ now: clock.now });
    // A row written before summaries existed quotes the body in lastError.
    await getDb().webhookDelivery.create({
      data: {
        webhookId: id,
        teamId: fx.team.id,
        event: "rollout.promoted",
        body: "{}",
        status: "failed",
        attempts: 6,
        lastStatusCode: 401,
        lastError: "HTTP 401: token=old-leak",
      },
    });
    await enqueue(eventFor(fx, "rollout.rolled_back"));
    receiver.reply({ status: 302, headers: { location: "https://sso.internal/callback?token=s3cr3t" } });
    // A second later: the new event is due, the first one's retry (10 s on) is not.
    clock.advance(1_000);
    await dispatchDueWebhooks({ now: clock.now });

    const admin = await listWebhookDeliveries(await accessOf(fx, "admin"), { webhookId: id });
    const answers = admin.deliveries.map((d) => d.lastResponse).join("\n");
    expect(answers).toContain("db_password=hunter2");
    expect(answers).toContain("Location: https://sso.internal/callback?token=s3cr3t");

    for (const role of ["viewer", "editor", "approver"] as const) {
      const log = await listWebhookDeliveries(await accessOf(fx, role), { webhookId: id });
      const list = await listWebhooks(await accessOf(fx, role));
      const seen = JSON.stringify([log, list]);
      for (const secret of ["hunter2", "s3cr3t", "sso.internal", "old-leak"])
        expect(seen, `${role} sees ${secret}`).not.toContain(secret);
      expect(log.deliveries.map((d) => d.lastError).sort()).toEqual([
        "HTTP 302 (redirects are not followed)",
        "HTTP 401 Unauthorized",
        "HTTP 500 Internal Server Error",
      ]);
      expect(log.deliveries.every((d) => d.lastResponse === null)).toBe(true);
      expect(list.allowList).toBeNull();
    }
  });

  it("only admins edit the list; a bad line is named and changes nothing; changes are audited", async () => {
    await rejectionOf(
      setWebhookAllowList(fx.actors.editor, { teamSlug: teamSlug(), entries: "10.0.0.0/8" }),
      ForbiddenError,
    );
    const bad = await rejectionOf(allow("10.0.0.0/8\nnot a host!\n10.0.0.0/33"), ValidationError);
    expect(bad.fieldErrors).toEqual({
      entries: [
        '"not a host!" is not a host name, an IP address or a CIDR range',
        '"10.0.0.0/33" is not a CIDR range like 10.0.0.0/8 or fd00::/8',
      ],
    });

    await allow("Receiver.Internal:8443, 10.20.0.0/16\n[FD00::5]:8080\n10.20.0.0/16");
    await allow("receiver.internal:8443\n10.20.0.0/16\n[fd00::5]:8080");
    await allow("10.20.0.0/16");
    const audit = await getDb().auditEvent.findMany({
      where: { teamId: fx.team.id, action: "webhook.allow_list_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.summary)).toEqual([
      "Internal webhook destinations: allowed receiver.internal:8443, 10.20.0.0/16, [fd00::5]:8080",
      "Internal webhook destinations: no longer allowed receiver.internal:8443, [fd00::5]:8080",
    ]);
    expect(JSON.parse(audit[1]!.after!)).toEqual({ entries: ["10.20.0.0/16"] });
    expect((await listWebhooks(await accessOf(fx, "admin"))).allowList).toEqual(["10.20.0.0/16"]);
  });
});
