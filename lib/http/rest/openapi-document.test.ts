import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { ROLLOUT_COMMANDS } from "@/lib/domain/rollout-state";
import { openApiDocument } from "./openapi-document";
import { PLAN_REQUEST_EXAMPLES, RELEASE_PLAN_EXAMPLE } from "./openapi-plan-paths";
import {
  createPlanBodySchema,
  PLAN_COMMANDS,
  planCommandBodySchema,
  releasePlanSchema,
  updatePlanBodySchema,
} from "./rest-plan-schemas";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

const API_DIR = path.resolve("app/api/v1");
// Not part of the automation API: SDK-key ingest, the document itself, the JSON 404.
const UNDOCUMENTED = new Set(["/metrics", "/openapi.json", "/{...path}"]);

/** Every route handler under app/api/v1 as "METHOD /path", with [param] as {param}. */
function implementedOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = `/${path.relative(API_DIR, dir)}`.replace(/\[([^\]]+)\]/g, "{$1}").replace(/\/$/, "");
        if (UNDOCUMENTED.has(route)) continue;
        const methods = [...fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
          (m) => m[1]!,
        );
        // {command} is an enum of commands; the document lists one operation per command.
        const commands = route.endsWith("/plan/{command}") ? PLAN_COMMANDS : ROLLOUT_COMMANDS;
        const routes = route.includes("{command}") ? commands.map((c) => route.replace("{command}", c)) : [route];
        for (const r of routes) for (const m of methods) found.push(`${m} ${r}`);
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

describe("OpenAPI document", () => {
  const doc = openApiDocument() as unknown as Doc;

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes exactly the operations the route handlers implement", () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(implementedOperations());
  });

  it("every $ref points at something that exists", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    const components = doc.components as unknown as Record<string, Record<string, unknown>>;
    for (const [, kind, name] of refs) expect(components[kind!], `${kind}/${name}`).toHaveProperty(name!);
  });

  it("percentages are percent with two decimals; request bodies refuse unknown fields", () => {
    const body = doc.components.schemas.SetPercentagesRequest as {
      additionalProperties: boolean;
      properties: Record<string, { multipleOf?: number; maximum?: number }>;
    };
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.default).toMatchObject({ minimum: 0, maximum: 100, multipleOf: 0.01 });
    // Responses stay open, so adding a field later breaks no client.
    expect(doc.components.schemas.Rollout).not.toHaveProperty("additionalProperties");
  });

  it("mutations that may need approval document 202, roll back doesn't", () => {
    const base = "/releases/{release}/environments/{environment}";
    expect(Object.keys(doc.paths[`${base}/percentages`]!.put!.responses)).toEqual(
      expect.arrayContaining(["200", "202", "400", "401", "403", "404", "409"]),
    );
    expect(doc.paths[`${base}/promote`]!.post!.responses).toHaveProperty("202");
    expect(doc.paths[`${base}/rollback`]!.post!.responses).not.toHaveProperty("202");
    expect(doc.paths[`${base}/rollback`]!.post!.responses).not.toHaveProperty("409");
  });

  it("plans: start and skip may wait for approval, 409s carry the plan, targets are percent, requests are strict", () => {
    const plan = "/releases/{release}/environments/{environment}/plan";
    for (const command of ["start", "skip"])
      expect(doc.paths[`${plan}/${command}`]!.post!.responses).toHaveProperty("202");
    for (const command of ["pause", "resume", "continue", "cancel"])
      expect(doc.paths[`${plan}/${command}`]!.post!.responses).not.toHaveProperty("202");
    expect(Object.keys(doc.paths[plan]!.put!.responses)).toEqual(
      expect.arrayContaining(["200", "202", "400", "401", "403", "404", "409"]),
    );
    expect(doc.paths[plan]!.post!.responses).toHaveProperty("201");
    expect(doc.paths[`${plan}/start`]!.post!.responses["409"]).toEqual({
      $ref: "#/components/responses/PlanConflict",
    });

    type Schema = { additionalProperties?: boolean; properties: Record<string, Schema>; items?: Schema } & Record<
      string,
      unknown
    >;
    const schemas = doc.components.schemas as Record<string, Schema>;
    const input = schemas.PlanDefinitionInput!;
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.steps!.items!.additionalProperties).toBe(false);
    expect(input.properties.steps!.items!.properties.targets!.additionalProperties).toMatchObject({
      minimum: 0,
      maximum: 100,
      multipleOf: 0.01,
    });
    expect(schemas.Plan).not.toHaveProperty("additionalProperties");
  });

  it("the plan examples are what the handlers accept and answer", () => {
    expect(releasePlanSchema.safeParse(RELEASE_PLAN_EXAMPLE).error).toBeUndefined();
    const bodies = {
      CreatePlanRequest: createPlanBodySchema,
      UpdatePlanRequest: updatePlanBodySchema,
      PlanCommandRequest: planCommandBodySchema,
    };
    for (const [id, examples] of Object.entries(PLAN_REQUEST_EXAMPLES))
      for (const { value } of Object.values(examples))
        expect(bodies[id as keyof typeof bodies].safeParse(value).error, id).toBeUndefined();
  });
});
