import { expect, it } from "vitest";
import { createAdminKey } from "@/lib/api-keys/create-admin-key";
import { AUDIT_PAGE_SIZE, auditQuerySchema } from "@/lib/audit/audit-query";
import { listAuditPage } from "@/lib/audit/list-audit-page";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors/domain-errors";
import { authenticateApiKey } from "@/lib/http/rest/authenticate-api-key";
import { restListReleases } from "@/lib/http/rest/rest-reads";
import { createRelease } from "@/lib/releases/create-release";
import { findReleases } from "@/lib/releases/list-releases";
import { parseQueryLeniently } from "@/lib/validation/parse-query";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { accessOf, contextOf } from "../support/team-access";
import { rejectionOf } from "../support/team-state";
import { untilClockMoves } from "../support/clock";
import { describeEachProvider } from "../support/test-database";

/** Releases of the fixture team: names, owners and statuses a search can tell apart. */
async function releasesToFind(fx: TeamFixture) {
  const made = async (key: string, name: string, owner: "editor" | "admin" | null, commands: string[]) => {
    const release = await createRelease(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key,
      name,
      ...(owner && { ownerId: fx.actors[owner].id }),
    });
    for (const command of commands) await scenario(fx).command(release.id, key, "production", command);
    await untilClockMoves();
  };
  await made("new-checkout", "New checkout flow", "editor", ["start"]);
  await made("dark-mode", "Dark mode", "admin", ["start", "promote"]);
  await made("cafe-menu", "Café menu", null, []);
  await made("search-v2", "Search v2", "editor", ["start", "pause"]);
}

describeEachProvider("finding releases", () => {
  it("searches by name or key, filters by status and owner, sorts, in the environment in view", async () => {
    const fx = await createTeamFixture();
    await releasesToFind(fx);
    const production = await contextOf(fx, "production");
    const keys = async (query: Parameters<typeof findReleases>[1], context = production) =>
      (await findReleases(context, query)).releases.map((r) => r.key);

    expect(await keys({})).toEqual(["search-v2", "cafe-menu", "dark-mode", "new-checkout"]);
    expect(await keys({ q: "CHECKOUT" })).toEqual(["new-checkout"]);
    expect(await keys({ q: "cafe" })).toEqual(["cafe-menu"]);
    expect(await keys({ q: "search-v" })).toEqual(["search-v2"]);
    expect(await keys({ status: "rolling" })).toEqual(["new-checkout"]);
    expect(await keys({ owner: fx.actors.editor.id })).toEqual(["search-v2", "new-checkout"]);
    expect(await keys({ owner: "none" })).toEqual(["cafe-menu"]);
    expect(await keys({ sort: "name" })).toEqual(["cafe-menu", "dark-mode", "new-checkout", "search-v2"]);
    expect(await keys({ sort: "status" })).toEqual(["new-checkout", "search-v2", "cafe-menu", "dark-mode"]);
    // Statuses are per environment: nothing was started in staging.
    expect(await keys({ status: "rolling" }, await contextOf(fx, "staging"))).toEqual([]);
    expect(await keys({ status: "draft" }, await contextOf(fx, "staging"))).toHaveLength(4);

    const found = await findReleases(production, { q: "mode" });
    expect(found.total).toBe(4);
    expect(found.owners.map((o) => o.name)).toEqual(["Ada Admin", "Eddie Editor"]);
    // An owner who owns nothing here is left out (the page says so) rather than emptying the list.
    const stranger = await findReleases(production, { owner: fx.actors.viewer.id });
    expect(stranger.ownerIgnored).toBe(true);
    expect(stranger.releases).toHaveLength(4);
  });

  it("the page ignores a bad filter and names it; the API refuses it with a 400 naming the field", async () => {
    const fx = await createTeamFixture();
    await releasesToFind(fx);
    const { releaseListQuerySchema } = await import("@/lib/domain/release-list-filter");
    const lenient = parseQueryLeniently(releaseListQuerySchema, { q: "dark", status: "live", sort: "random" });
    expect(lenient).toEqual({ query: { q: "dark" }, ignored: ["status", "sort"] });

    const principal = await authenticateApiKey(
      `Bearer ${(await createAdminKey(fx.actors.admin, { teamSlug: fx.team.slug, name: "ci", role: "viewer" })).key}`,
    );
    const refused = await rejectionOf(
      restListReleases(principal, new URLSearchParams({ status: "live" })),
      ValidationError,
    );
    expect(Object.keys(refused.fieldErrors)).toEqual(["status"]);
    const listed = await restListReleases(principal, new URLSearchParams({ q: "v2", status: "paused" }));
    expect(listed.releases.map((r) => r.key)).toEqual(["search-v2"]);
    const byNobody = await restListReleases(principal, new URLSearchParams({ owner: fx.actors.viewer.id }));
    expect(byNobody.releases).toEqual([]);
  });
});

describeEachProvider("audit log paging and filters", () => {
  const START = Date.UTC(2026, 2, 1, 12, 0, 0);
  const MINUTE = 60_000;

  /**
   * 250 events written straight to the table (the use cases would take minutes): one a minute
   * from 1 March 12:00 UTC, every tenth by the admin, kinds alternating, every fifth about
   * `checkout`, and pairs sharing a millisecond so the id has to break the tie.
   */
  async function manyEvents(fx: TeamFixture, releaseId: string) {
    const rows = Array.from({ length: 250 }, (_, i) => ({
      teamId: fx.team.id,
      releaseId: i % 5 === 0 ? releaseId : null,
      actorType: "user",
      actorId: i % 10 === 0 ? fx.actors.admin.id : fx.actors.editor.id,
      actorName: i % 10 === 0 ? fx.actors.admin.name : fx.actors.editor.name,
      action: i % 2 === 0 ? "rollout.percentages_set" : "rollout.paused",
      summary: `event ${i}`,
      createdAt: new Date(START + Math.floor(i / 2) * 2 * MINUTE),
    }));
    await getDb().auditEvent.createMany({ data: rows });
  }

  async function setUp() {
    const fx = await createTeamFixture();
    const checkout = await scenario(fx).release("checkout", "Checkout");
    // Creating the release wrote one event of its own, now: newer than all of the 250.
    await manyEvents(fx, checkout.id);
    return { fx, access: await accessOf(fx) };
  }

  async function everyPage(access: Awaited<ReturnType<typeof accessOf>>, filters: Record<string, string>) {
    const summaries: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditPage(access, { ...filters, ...(after && { after }) });
      expect(page.entries.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      summaries.push(...page.entries.map((e) => e.summary));
      after = page.next ?? undefined;
      pages += 1;
    } while (after && pages < 10);
    return { summaries, pages };
  }

  it("pages past the latest 200 entries, newest first, each entry exactly once", async () => {
    const { access } = await setUp();
    const first = await listAuditPage(access, {});
    expect(first.total).toBe(251);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]?.action).toBe("release.created");

    const { summaries, pages } = await everyPage(access, {});
    expect(pages).toBe(3);
    expect(summaries).toHaveLength(251);
    expect(new Set(summaries).size).toBe(251);
    // The oldest is last: event 0 and event 1 share a millisecond; the rest follows the minutes.
    expect(summaries.slice(-2).sort()).toEqual(["event 0", "event 1"]);
    expect(summaries.indexOf("event 249")).toBeLessThan(summaries.indexOf("event 2"));
  });

  it("filters by release, person, kind and days (UTC, both included), and pages within the filter", async () => {
    const { fx, access } = await setUp();
    const byAdmin = await everyPage(access, { actor: fx.actors.admin.id });
    expect(byAdmin.summaries).toHaveLength(25);

    const paused = await listAuditPage(access, { kind: "rollout.paused" });
    expect(paused.total).toBe(125);
    expect(paused.entries.every((e) => e.action === "rollout.paused")).toBe(true);
    expect((await everyPage(access, { kind: "rollout.paused" })).summaries).toHaveLength(125);

    const checkout = await listAuditPage(access, { release: "checkout" });
    expect(checkout.total).toBe(51); // every fifth of 250, and the release's own creation

    const combined = await listAuditPage(access, {
      release: "checkout",
      actor: fx.actors.admin.id,
      kind: "rollout.percentages_set",
    });
    expect(combined.total).toBe(25);

    // 1 March 12:00 + 2 minutes per pair: the 250 span 248 minutes, all on 1 March.
    expect((await listAuditPage(access, { from: "2026-03-01", to: "2026-03-01" })).total).toBe(250);
    expect((await listAuditPage(access, { to: "2026-02-28" })).total).toBe(0);
    expect((await listAuditPage(access, { from: "2026-03-02" })).total).toBe(1); // the release, created today
  });

  it("leaves out what names nothing known, and says which", async () => {
    const { access } = await setUp();
    const page = await listAuditPage(access, {
      release: "no-such-release",
      actor: "nobody",
      from: "2026-03-05",
      to: "2026-03-01",
      after: "not-a-cursor",
    });
    expect(page.ignored.sort()).toEqual(["actor", "after", "from", "release", "to"]);
    expect(page.applied).toEqual({});
    expect(page.total).toBe(251);

    const lenient = parseQueryLeniently(auditQuerySchema, {
      from: "2026-02-30",
      kind: "DROP TABLE",
      release: "checkout",
    });
    expect(lenient).toEqual({ query: { release: "checkout" }, ignored: ["kind", "from"] });
  });

  it("another team's events never show, whatever the filters", async () => {
    const { fx } = await setUp();
    const other = await createTeamFixture();
    const theirs = await listAuditPage(await accessOf(other), { actor: fx.actors.admin.id });
    expect(theirs.entries.every((e) => !e.summary.startsWith("event "))).toBe(true);
    expect(theirs.actors.map((a) => a.id)).not.toContain(fx.actors.editor.id);
  });
});
