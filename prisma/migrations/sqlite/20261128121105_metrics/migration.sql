-- AlterTable
ALTER TABLE "Team" ADD COLUMN "prometheusToken" TEXT;
ALTER TABLE "Team" ADD COLUMN "prometheusUrl" TEXT;

-- CreateTable
CREATE TABLE "MetricDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "badDirection" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'builtin',
    "query" TEXT,
    "sampleQuery" TEXT,
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MetricDefinition_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "environmentId" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "releaseKey" TEXT NOT NULL,
    "cohortKey" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    CONSTRAINT "MetricSeries_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricAggregate" (
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" REAL NOT NULL,
    "sum" REAL NOT NULL,
    "p50" REAL,
    "p95" REAL,
    "p99" REAL,
    "sketch" BLOB,
    "distinct" REAL,

    PRIMARY KEY ("seriesId", "resolution", "bucket"),
    CONSTRAINT "MetricAggregate_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MetricDefinition_teamId_position_idx" ON "MetricDefinition"("teamId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "MetricDefinition_teamId_key_key" ON "MetricDefinition"("teamId", "key");

-- CreateIndex
CREATE INDEX "MetricSeries_environmentId_releaseKey_idx" ON "MetricSeries"("environmentId", "releaseKey");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_environmentId_metricKey_releaseKey_cohortKey_variant_key" ON "MetricSeries"("environmentId", "metricKey", "releaseKey", "cohortKey", "variant");

-- CreateIndex
CREATE INDEX "MetricAggregate_resolution_bucket_idx" ON "MetricAggregate"("resolution", "bucket");
