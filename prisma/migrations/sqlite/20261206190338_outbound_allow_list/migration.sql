-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "lastResponse" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "structureVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prometheusUrl" TEXT,
    "prometheusToken" TEXT,
    "webhookAllowList" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_Team" ("createdAt", "id", "name", "prometheusToken", "prometheusUrl", "slug", "structureVersion") SELECT "createdAt", "id", "name", "prometheusToken", "prometheusUrl", "slug", "structureVersion" FROM "Team";
DROP TABLE "Team";
ALTER TABLE "new_Team" RENAME TO "Team";
CREATE UNIQUE INDEX "Team_slug_key" ON "Team"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
