-- CreateTable
CREATE TABLE "EmbedLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "cohortKeys" TEXT NOT NULL DEFAULT '[]',
    "metricKeys" TEXT NOT NULL DEFAULT '[]',
    "range" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "allowedOrigins" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedByName" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmbedLink_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EmbedLink_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EmbedLink_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EmbedLink_tokenHash_key" ON "EmbedLink"("tokenHash");

-- CreateIndex
CREATE INDEX "EmbedLink_teamId_createdAt_idx" ON "EmbedLink"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "EmbedLink_releaseId_idx" ON "EmbedLink"("releaseId");
