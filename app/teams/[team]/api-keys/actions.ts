"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createAdminKey } from "@/lib/api-keys/create-admin-key";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

export async function createSdkKeyAction(input: Record<string, unknown>) {
  return runAction(async (actor) => {
    const created = await createSdkKey(actor, input);
    return { key: created.key, prefix: created.prefix, name: created.name, environmentKey: created.environmentKey };
  });
}

export async function createAdminKeyAction(input: Record<string, unknown>) {
  return runAction(async (actor) => {
    const created = await createAdminKey(actor, input);
    return { key: created.key, prefix: created.prefix, name: created.name, role: created.role };
  });
}

export async function revokeApiKeyAction(input: { teamSlug: string; keyId: string }) {
  return runAction(async (actor) => {
    await revokeApiKey(actor, input);
    return { keyId: input.keyId };
  });
}
