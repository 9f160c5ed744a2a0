// npm run db:seed: loads the demo teams into DATABASE_URL (run db:migrate first).
// Safe to repeat: does nothing when the demo team already exists.
import { getDb } from "../../lib/db/client";
import { databaseUrl, providerOf } from "../../lib/db/database-url";
import { DEMO_TEAM_SLUG, seedDemo } from "../../lib/seed/seed-demo";

const db = getDb();
try {
  const result = await seedDemo({ db });
  if (result.created) {
    const c = result.counts;
    console.log(
      `Seeded demo team ${DEMO_TEAM_SLUG} (${providerOf(databaseUrl())}: ${c.users} users, ${c.teams} teams, ` +
        `${c.cohorts} cohorts, ${c.releases} releases, ${c.auditEvents} audit events)`,
    );
  } else {
    console.log(`Demo data already present (team ${DEMO_TEAM_SLUG} exists); nothing changed`);
  }
} finally {
  await db.$disconnect();
}
