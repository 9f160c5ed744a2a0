-- CreateTable
CREATE TABLE "PlanTemplate" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedByName" TEXT,

    CONSTRAINT "PlanTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolloutPlan" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "rolloutId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "currentStep" INTEGER NOT NULL DEFAULT -1,
    "stepStartedAt" TIMESTAMP(3),
    "stepAttempt" INTEGER NOT NULL DEFAULT 0,
    "waitingFor" TEXT,
    "heldReason" TEXT,
    "backendFailingSince" TIMESTAMP(3),
    "backendAlertSentAt" TIMESTAMP(3),
    "verdicts" TEXT NOT NULL DEFAULT '{}',
    "stoppedCohorts" TEXT NOT NULL DEFAULT '[]',
    "lastTickAt" TIMESTAMP(3),
    "templateName" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RolloutPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanAction" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardrailReading" (
    "planId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "cohortKey" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "estimate" DOUBLE PRECISION,
    "lower" DOUBLE PRECISION,
    "upper" DOUBLE PRECISION,
    "treatment" INTEGER NOT NULL,
    "control" INTEGER NOT NULL,

    CONSTRAINT "GuardrailReading_pkey" PRIMARY KEY ("planId","cohortKey","metricKey","minute")
);

-- CreateTable
CREATE TABLE "ControllerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ControllerLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanTemplate_teamId_key_key" ON "PlanTemplate"("teamId", "key");

-- CreateIndex
CREATE INDEX "RolloutPlan_status_idx" ON "RolloutPlan"("status");

-- CreateIndex
CREATE INDEX "RolloutPlan_rolloutId_createdAt_idx" ON "RolloutPlan"("rolloutId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanAction_planId_createdAt_idx" ON "PlanAction"("planId", "createdAt");

-- AddForeignKey
ALTER TABLE "PlanTemplate" ADD CONSTRAINT "PlanTemplate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutPlan" ADD CONSTRAINT "RolloutPlan_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolloutPlan" ADD CONSTRAINT "RolloutPlan_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "ReleaseRollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanAction" ADD CONSTRAINT "PlanAction_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RolloutPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuardrailReading" ADD CONSTRAINT "GuardrailReading_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RolloutPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
