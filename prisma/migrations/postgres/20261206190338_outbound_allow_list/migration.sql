-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "webhookAllowList" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "lastResponse" TEXT;
