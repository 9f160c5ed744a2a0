import fs from "node:fs";
import path from "node:path";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "@/lib/api-keys/api-key-secret";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getDb } from "@/lib/db/client";
import { DEMO_TEAM_SLUG } from "./demo-users";

const SEED_ACTOR = { type: "system", id: "system:seed", name: "system:seed" } as const;

/**
 * The demo team's production SDK key, so a newcomer can curl the API at once. Its value is
 * GLIDEPATH_DEMO_SDK_KEY when set; otherwise one is generated and kept in data/ (the database
 * holds only its hash) so `npm start` can print it every time.
 */
export async function ensureDemoSdkKey(dataDir = path.resolve("data")): Promise<string | null> {
  const db = getDb();
  const environment = await db.environment.findFirst({ where: { key: "production", team: { slug: DEMO_TEAM_SLUG } } });
  if (!environment) return null;
  const file = path.join(dataDir, ".demo-sdk-key");
  const key =
    process.env.GLIDEPATH_DEMO_SDK_KEY?.trim() ||
    (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : generateApiKey("sdk"));
  const hash = hashApiKey(key);
  if (!(await db.apiKey.findUnique({ where: { hash } }))) {
    await db.$transaction(async (tx) => {
      await tx.apiKey.create({
        data: {
          teamId: environment.teamId,
          environmentId: environment.id,
          kind: "sdk",
          name: "Demo production key",
          prefix: apiKeyPrefix(key),
          hash,
          createdByName: SEED_ACTOR.name,
        },
      });
      await tx.environment.update({ where: { id: environment.id }, data: { configVersion: { increment: 1 } } });
      await writeAuditEvent(tx, {
        teamId: environment.teamId,
        actor: SEED_ACTOR,
        action: "api_key.created",
        summary: `Created SDK key "Demo production key" (${apiKeyPrefix(key)}) for Production`,
        environmentId: environment.id,
      });
    });
  }
  if (!process.env.GLIDEPATH_DEMO_SDK_KEY) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, key, { mode: 0o600 });
  }
  return key;
}
