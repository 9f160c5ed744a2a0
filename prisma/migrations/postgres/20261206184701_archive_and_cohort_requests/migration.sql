-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Release" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "cohortId" TEXT,
ADD COLUMN     "requesterUserId" TEXT,
ALTER COLUMN "environmentId" DROP NOT NULL,
ALTER COLUMN "releaseId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ChangeRequest_cohortId_status_idx" ON "ChangeRequest"("cohortId", "status");

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the person accountable for requests made before this column existed.
UPDATE "ChangeRequest" SET "requesterUserId" = "requesterId" WHERE "requesterType" = 'user';
UPDATE "ChangeRequest" SET "requesterUserId" = (SELECT "createdById" FROM "ApiKey" WHERE "ApiKey"."id" = "ChangeRequest"."requesterId") WHERE "requesterType" = 'api_key';
