import { ENVIRONMENT, errors, jsonContent, pendingResponse, ref, RELEASE, type Json } from "./openapi-parts";
import { PLAN_COMMANDS, type RestPlan, type RestPlanCommand, type RestReleasePlan } from "./rest-plan-schemas";

/* The rollout-plan operations of the OpenAPI document (openapi-document.ts). */

const PLAN_PATH = "/releases/{release}/environments/{environment}/plan";

export const PLAN_RESPONSES: Record<string, Json> = {
  PlanConflict: {
    description:
      "The plan changed since `expectedVersion` (the controller took a step, someone paused it), the rollout already has an active plan, or the plan's state doesn't allow this. `current` is the plan as it is now, when there is one.",
    content: jsonContent(ref("PlanError")),
  },
};
const conflict = { "409": { $ref: "#/components/responses/PlanConflict" } };

const EXAMPLE_ID = "cm4q2x7pl0003";

/** What `GET …/plan` answers for a plan started from the "careful" template. Checked against the schema by the document's test. */
export const PLAN_EXAMPLE: RestPlan = {
  id: EXAMPLE_ID,
  status: "running",
  statusLabel: "Running",
  version: 2,
  release: { key: "new-checkout", name: "New checkout flow" },
  environment: { key: "production", name: "Production" },
  definition: {
    steps: [1, 5, 25, 50, 100].map((percent) => ({
      targets: { default: percent },
      bakeMinutes: percent === 100 ? 0 : 30,
      waitForPerson: false,
      notBefore: null,
      promote: percent === 100,
    })),
    guardrails: {
      metrics: [
        {
          metricKey: "error-rate",
          quantile: null,
          tolerance: { kind: "absolute", value: 0.005 },
          onBreach: "rollback",
        },
      ],
      alpha: 0.05,
      outageAlertMinutes: 15,
      patienceBakes: 3,
    },
  },
  currentStep: 0,
  stepStartedAt: "2026-11-28T15:04:05.000Z",
  waitingFor: "Baking step 1 of 5: 18 min left",
  heldReason: null,
  backendFailingSince: null,
  verdicts: {
    at: "2026-11-28T15:16:05.000Z",
    cohorts: [
      {
        cohortKey: "default",
        percent: 1,
        metrics: [
          {
            metricKey: "error-rate",
            state: "waiting",
            estimate: 0.0004,
            lower: -0.0021,
            upper: 0.0029,
            tolerance: { kind: "absolute", value: 0.005 },
            samples: { treatment: 412, control: 40_377 },
            needed: 1200,
            words: "Waiting for data: 412 of about 1,200 requests",
          },
        ],
        sampleRatio: null,
      },
    ],
  },
  templateName: "Careful",
  createdBy: "deploy pipeline (API key)",
  createdAt: "2026-11-28T15:03:58.000Z",
  startedAt: "2026-11-28T15:04:05.000Z",
  endedAt: null,
  lastTickAt: "2026-11-28T15:16:05.000Z",
};

export const RELEASE_PLAN_EXAMPLE: RestReleasePlan = { plan: PLAN_EXAMPLE, pendingChangeRequest: null };

/** Request examples by schema id, also checked against the schemas by the document's test. */
export const PLAN_REQUEST_EXAMPLES = {
  CreatePlanRequest: {
    template: { summary: "From a team template", value: { templateKey: "careful" } },
    steps: {
      summary: "Steps given outright (percent)",
      value: {
        definition: {
          steps: [
            { targets: { "internal-staff": 100, default: 5 }, bakeMinutes: 60 },
            { targets: { default: 50 }, bakeMinutes: 60, waitForPerson: true },
            { targets: { default: 100 }, bakeMinutes: 0, promote: true },
          ],
        },
      },
    },
  },
  UpdatePlanRequest: {
    slower: {
      summary: "Bake the remaining steps longer",
      value: {
        planId: EXAMPLE_ID,
        expectedVersion: 2,
        definition: {
          steps: [
            { targets: { default: 1 }, bakeMinutes: 30 },
            { targets: { default: 5 }, bakeMinutes: 120 },
            { targets: { default: 100 }, bakeMinutes: 0, promote: true },
          ],
        },
        comment: "weekend: slower",
      },
    },
  },
  PlanCommandRequest: {
    command: {
      summary: "Against the version read",
      value: { planId: EXAMPLE_ID, expectedVersion: 1, comment: "deploy 2026.11.28-3" },
    },
  },
};

const COMMAND_TEXT: Record<RestPlanCommand, [summary: string, description: string]> = {
  start: [
    "Start the plan",
    "The first step is taken now, the controller takes the rest. The policy judges every step as written, once; where it asks for approval: 202 and a `plan_start` change request (approving it starts the plan).",
  ],
  pause: [
    "Pause the plan",
    "It takes no more steps. The release keeps what it serves, and guardrails still roll back on harm.",
  ],
  resume: ["Resume a paused or holding plan", "The current step's bake time starts again."],
  skip: [
    "Take the next step now",
    "Before its bake time and verdicts. Where the policy would hold that step: 202 and a `plan_skip` change request.",
  ],
  continue: [
    "Continue a plan waiting for a person",
    "Or holding for too little data: takes the next step. Where the policy would hold that step on its own, only an approver continues it (403 for a key).",
  ],
  cancel: [
    "Cancel the plan",
    "It ends where it is: the release keeps its percentages, by hand from here on. Pending plan requests are cancelled.",
  ],
};

const MAY_WAIT: readonly RestPlanCommand[] = ["start", "skip"];

function planCommandPath(command: RestPlanCommand) {
  return {
    post: {
      operationId: `${command}Plan`,
      tags: ["Plans"],
      summary: COMMAND_TEXT[command][0],
      description: COMMAND_TEXT[command][1],
      parameters: [RELEASE, ENVIRONMENT],
      requestBody: {
        required: true,
        content: jsonContent(ref("PlanCommandRequest"), PLAN_REQUEST_EXAMPLES.PlanCommandRequest),
      },
      responses: {
        "200": { description: "Applied.", content: jsonContent(ref("PlanResult")) },
        ...(MAY_WAIT.includes(command) ? { "202": pendingResponse("PlanPendingApproval") } : {}),
        ...errors(400, 401, 403, 404),
        ...conflict,
      },
    },
  };
}

export function planPaths(): Record<string, Json> {
  return {
    [PLAN_PATH]: {
      get: {
        operationId: "getPlan",
        tags: ["Plans"],
        summary: "The release's plan in one environment (the active one, else the latest that ended), with verdicts",
        parameters: [RELEASE, ENVIRONMENT],
        responses: {
          "200": {
            description: "The plan, and a request about it waiting for approval if there is one.",
            content: {
              "application/json": { schema: ref("ReleasePlan"), example: RELEASE_PLAN_EXAMPLE },
            },
          },
          ...errors(401, 403, 404),
        },
      },
      post: {
        operationId: "createPlan",
        tags: ["Plans"],
        summary: "Make a plan (not started) from a team template or from steps",
        description:
          "A rollout has at most one plan that isn't over: while one is draft, running, paused or held, this answers 409 with it. Start it with `POST …/plan/start`.",
        parameters: [RELEASE, ENVIRONMENT],
        requestBody: {
          required: true,
          content: jsonContent(ref("CreatePlanRequest"), PLAN_REQUEST_EXAMPLES.CreatePlanRequest),
        },
        responses: {
          "201": {
            description: "Made; not started.",
            headers: { Location: { description: "This plan: `GET` it for its verdicts.", schema: { type: "string" } } },
            content: jsonContent(ref("PlanResult")),
          },
          ...errors(400, 401, 403, 404),
          ...conflict,
        },
      },
      put: {
        operationId: "updatePlan",
        tags: ["Plans"],
        summary: "Change a plan's steps and guardrails",
        description:
          "Before it starts, anything goes. Once it runs, the steps taken must stay as they were, and the steps still to come are judged by the environment's policy again: held, 202 and a `plan_update` change request.",
        parameters: [RELEASE, ENVIRONMENT],
        requestBody: {
          required: true,
          content: jsonContent(ref("UpdatePlanRequest"), PLAN_REQUEST_EXAMPLES.UpdatePlanRequest),
        },
        responses: {
          "200": { description: "Applied.", content: jsonContent(ref("PlanResult")) },
          "202": pendingResponse("PlanPendingApproval"),
          ...errors(400, 401, 403, 404),
          ...conflict,
        },
      },
    },
    ...Object.fromEntries(PLAN_COMMANDS.map((command) => [`${PLAN_PATH}/${command}`, planCommandPath(command)])),
    "/plan-templates": {
      get: {
        operationId: "listPlanTemplates",
        tags: ["Plans"],
        summary: "The team's plan templates, by name (targets in percent)",
        responses: {
          "200": { description: "Templates.", content: jsonContent(ref("PlanTemplateList")) },
          ...errors(401, 403),
        },
      },
    },
  };
}
