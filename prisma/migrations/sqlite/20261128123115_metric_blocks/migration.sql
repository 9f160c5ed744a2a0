-- CreateTable
CREATE TABLE "MetricBlock" (
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "block" INTEGER NOT NULL,
    "points" BLOB NOT NULL,

    PRIMARY KEY ("seriesId", "resolution", "block"),
    CONSTRAINT "MetricBlock_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "MetricSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MetricBlock_resolution_block_idx" ON "MetricBlock"("resolution", "block");
