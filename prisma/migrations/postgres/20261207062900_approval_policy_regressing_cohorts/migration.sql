-- AlterTable
ALTER TABLE "ApprovalPolicy" ADD COLUMN     "regressingCohorts" BOOLEAN NOT NULL DEFAULT false;
