-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN "archivedAt" DATETIME;

-- AlterTable
ALTER TABLE "Release" ADD COLUMN "archivedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChangeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "environmentId" TEXT,
    "releaseId" TEXT,
    "cohortId" TEXT,
    "kind" TEXT NOT NULL,
    "proposed" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "comment" TEXT NOT NULL DEFAULT '',
    "requesterType" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "requesterUserId" TEXT,
    "reviewerId" TEXT,
    "reviewerName" TEXT,
    "reviewComment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    CONSTRAINT "ChangeRequest_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRequest_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRequest_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChangeRequest_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChangeRequest" ("baseVersion", "before", "comment", "createdAt", "decidedAt", "environmentId", "expiresAt", "id", "kind", "proposed", "reasons", "releaseId", "requesterId", "requesterName", "requesterType", "reviewComment", "reviewerId", "reviewerName", "status", "teamId") SELECT "baseVersion", "before", "comment", "createdAt", "decidedAt", "environmentId", "expiresAt", "id", "kind", "proposed", "reasons", "releaseId", "requesterId", "requesterName", "requesterType", "reviewComment", "reviewerId", "reviewerName", "status", "teamId" FROM "ChangeRequest";
DROP TABLE "ChangeRequest";
ALTER TABLE "new_ChangeRequest" RENAME TO "ChangeRequest";
CREATE INDEX "ChangeRequest_teamId_status_createdAt_idx" ON "ChangeRequest"("teamId", "status", "createdAt");
CREATE INDEX "ChangeRequest_releaseId_environmentId_status_idx" ON "ChangeRequest"("releaseId", "environmentId", "status");
CREATE INDEX "ChangeRequest_cohortId_status_idx" ON "ChangeRequest"("cohortId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: the person accountable for requests made before this column existed.
UPDATE "ChangeRequest" SET "requesterUserId" = "requesterId" WHERE "requesterType" = 'user';
UPDATE "ChangeRequest" SET "requesterUserId" = (SELECT "createdById" FROM "ApiKey" WHERE "ApiKey"."id" = "ChangeRequest"."requesterId") WHERE "requesterType" = 'api_key';
