-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "prometheusToken" TEXT,
ADD COLUMN     "prometheusUrl" TEXT;

-- CreateTable
CREATE TABLE "MetricDefinition" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" SERIAL NOT NULL,
    "environmentId" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "releaseKey" TEXT NOT NULL,
    "cohortKey" TEXT NOT NULL,
    "variant" TEXT NOT NULL,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricAggregate" (
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "p50" DOUBLE PRECISION,
    "p95" DOUBLE PRECISION,
    "p99" DOUBLE PRECISION,
    "sketch" BYTEA,
    "distinct" DOUBLE PRECISION,

    CONSTRAINT "MetricAggregate_pkey" PRIMARY KEY ("seriesId","resolution","bucket")
);

-- CreateIndex
CREATE INDEX "MetricDefinition_teamId_position_idx" ON "MetricDefinition"("teamId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "MetricDefinition_teamId_key_key" ON "MetricDefinition"("teamId", "key");

-- CreateIndex
CREATE INDEX "MetricSeries_environmentId_releaseKey_idx" ON "MetricSeries"("environmentId", "releaseKey");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_environmentId_metricKey_releaseKey_cohortKey_v_key" ON "MetricSeries"("environmentId", "metricKey", "releaseKey", "cohortKey", "variant");

-- CreateIndex
CREATE INDEX "MetricAggregate_resolution_bucket_idx" ON "MetricAggregate"("resolution", "bucket");

-- AddForeignKey
ALTER TABLE "MetricDefinition" ADD CONSTRAINT "MetricDefinition_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricSeries" ADD CONSTRAINT "MetricSeries_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricAggregate" ADD CONSTRAINT "MetricAggregate_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
