-- CreateIndex
CREATE INDEX "AuditEvent_teamId_actorId_createdAt_idx" ON "AuditEvent"("teamId", "actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_action_createdAt_idx" ON "AuditEvent"("teamId", "action", "createdAt");
