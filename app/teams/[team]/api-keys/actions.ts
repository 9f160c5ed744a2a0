"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createAdminKey, type CreateAdminKeyInput } from "@/lib/api-keys/create-admin-key";
import { createSdkKey, type CreateSdkKeyInput } from "@/lib/api-keys/create-api-key";
import { revokeApiKey, type RevokeApiKeyInput } from "@/lib/api-keys/revoke-api-key";

export async function createSdkKeyAction(input: CreateSdkKeyInput) {
  return runAction(async (actor) => {
    const created = await createSdkKey(actor, input);
    return { key: created.key, prefix: created.prefix, name: created.name, environmentKey: created.environmentKey };
  });
}

export async function createAdminKeyAction(input: CreateAdminKeyInput) {
  return runAction(async (actor) => {
    const created = await createAdminKey(actor, input);
    return { key: created.key, prefix: created.prefix, name: created.name, role: created.role };
  });
}

export async function revokeApiKeyAction(input: RevokeApiKeyInput) {
  return runAction(async (actor) => {
    await revokeApiKey(actor, input);
    return { keyId: input.keyId };
  });
}
