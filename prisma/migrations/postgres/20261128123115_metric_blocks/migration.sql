-- CreateTable
CREATE TABLE "MetricBlock" (
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,
    "points" BYTEA NOT NULL,

    CONSTRAINT "MetricBlock_pkey" PRIMARY KEY ("seriesId","resolution","block")
);

-- CreateIndex
CREATE INDEX "MetricBlock_resolution_block_idx" ON "MetricBlock"("resolution", "block");

-- AddForeignKey
ALTER TABLE "MetricBlock" ADD CONSTRAINT "MetricBlock_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
