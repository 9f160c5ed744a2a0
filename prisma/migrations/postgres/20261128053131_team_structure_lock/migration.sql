-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "structureVersion" INTEGER NOT NULL DEFAULT 0;
