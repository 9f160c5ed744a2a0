-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApprovalPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "environmentId" TEXT NOT NULL,
    "cohortThresholdBasisPoints" INTEGER,
    "defaultAboveZero" BOOLEAN NOT NULL DEFAULT false,
    "promote" BOOLEAN NOT NULL DEFAULT false,
    "criticalReleases" BOOLEAN NOT NULL DEFAULT false,
    "regressingCohorts" BOOLEAN NOT NULL DEFAULT false,
    "expiryMinutes" INTEGER NOT NULL DEFAULT 1440,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedByName" TEXT,
    CONSTRAINT "ApprovalPolicy_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApprovalPolicy" ("cohortThresholdBasisPoints", "criticalReleases", "defaultAboveZero", "environmentId", "expiryMinutes", "id", "promote", "updatedAt", "updatedByName", "version") SELECT "cohortThresholdBasisPoints", "criticalReleases", "defaultAboveZero", "environmentId", "expiryMinutes", "id", "promote", "updatedAt", "updatedByName", "version" FROM "ApprovalPolicy";
DROP TABLE "ApprovalPolicy";
ALTER TABLE "new_ApprovalPolicy" RENAME TO "ApprovalPolicy";
CREATE UNIQUE INDEX "ApprovalPolicy_environmentId_key" ON "ApprovalPolicy"("environmentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
