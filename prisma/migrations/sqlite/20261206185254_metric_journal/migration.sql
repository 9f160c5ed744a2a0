-- CreateTable
CREATE TABLE "MetricJournal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "segment" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL
);
