-- CreateTable
CREATE TABLE "PlanTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "steps" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedByName" TEXT,
    CONSTRAINT "PlanTemplate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolloutPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT NOT NULL,
    "rolloutId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "currentStep" INTEGER NOT NULL DEFAULT -1,
    "stepStartedAt" DATETIME,
    "stepAttempt" INTEGER NOT NULL DEFAULT 0,
    "waitingFor" TEXT,
    "heldReason" TEXT,
    "backendFailingSince" DATETIME,
    "backendAlertSentAt" DATETIME,
    "verdicts" TEXT NOT NULL DEFAULT '{}',
    "stoppedCohorts" TEXT NOT NULL DEFAULT '[]',
    "lastTickAt" DATETIME,
    "templateName" TEXT,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RolloutPlan_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RolloutPlan_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "ReleaseRollout" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanAction_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RolloutPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GuardrailReading" (
    "planId" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "cohortKey" TEXT NOT NULL,
    "metricKey" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "estimate" REAL,
    "lower" REAL,
    "upper" REAL,
    "treatment" INTEGER NOT NULL,
    "control" INTEGER NOT NULL,

    PRIMARY KEY ("planId", "cohortKey", "metricKey", "minute"),
    CONSTRAINT "GuardrailReading_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RolloutPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ControllerLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanTemplate_teamId_key_key" ON "PlanTemplate"("teamId", "key");

-- CreateIndex
CREATE INDEX "RolloutPlan_status_idx" ON "RolloutPlan"("status");

-- CreateIndex
CREATE INDEX "RolloutPlan_rolloutId_createdAt_idx" ON "RolloutPlan"("rolloutId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanAction_planId_createdAt_idx" ON "PlanAction"("planId", "createdAt");
