-- CreateTable
CREATE TABLE "MetricJournal" (
    "id" TEXT NOT NULL,
    "segment" INTEGER NOT NULL,
    "minute" INTEGER NOT NULL,

    CONSTRAINT "MetricJournal_pkey" PRIMARY KEY ("id")
);
