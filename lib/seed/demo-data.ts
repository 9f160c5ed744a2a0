import { ACME_RELEASES } from "./demo-releases";
import { ago, type CohortSeed, type TeamSeed } from "./seed-types";

const ENVIRONMENTS = [
  { key: "staging", name: "Staging", position: 1 },
  { key: "production", name: "Production", position: 2 },
];

/** Twenty known beta accounts: user-beta-001 … user-beta-020. */
const BETA_KEYS = Array.from({ length: 20 }, (_, i) => `user-beta-${String(i + 1).padStart(3, "0")}`);

const EU_COUNTRIES = ["DE", "FR", "ES", "IT", "NL", "PL", "SE", "IE", "AT", "BE", "DK", "FI", "PT", "CZ"];

const ACME_COHORTS: CohortSeed[] = [
  {
    key: "internal-staff",
    name: "Internal staff",
    description: "Everyone signed in with an @acme.test address; first to see every release.",
    definition: { kind: "rules", conditions: [{ attribute: "email", operator: "endsWith", values: ["@acme.test"] }] },
    at: ago(13, 23, 40),
    by: "ada@acme.test",
  },
  {
    key: "beta-testers",
    name: "Beta testers",
    description: "Customers who opted into the beta programme, listed by account id.",
    definition: { kind: "keys", targetingKeys: BETA_KEYS },
    at: ago(13, 23, 32),
    by: "ada@acme.test",
  },
  {
    key: "eu",
    name: "EU shoppers",
    description: "Shoppers in European Union countries (GDPR-sensitive changes ramp here carefully).",
    definition: { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: EU_COUNTRIES }] },
    at: ago(13, 23, 21),
    by: "ada@acme.test",
  },
  {
    key: "us",
    name: "US shoppers",
    description: "Shoppers in the United States, our largest market.",
    definition: { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: ["US"] }] },
    at: ago(13, 23, 17),
    by: "ada@acme.test",
  },
  {
    key: "mobile",
    name: "Mobile app users",
    description: "Sessions from the iOS and Android apps.",
    definition: { kind: "rules", conditions: [{ attribute: "platform", operator: "in", values: ["ios", "android"] }] },
    at: ago(13, 23, 10),
    by: "sam@acme.test",
  },
  {
    key: "free-tier",
    name: "Free tier",
    description: "Accounts on the free plan; the largest and most price-sensitive group.",
    definition: { kind: "rules", conditions: [{ attribute: "plan", operator: "in", values: ["free"] }] },
    at: ago(13, 23, 2),
    by: "sam@acme.test",
  },
];

const ACME: TeamSeed = {
  slug: "acme",
  name: "Acme Shop",
  at: ago(13, 23, 55),
  members: [
    { email: "ada@acme.test", role: "admin" },
    { email: "erin@acme.test", role: "editor" },
    { email: "avery@acme.test", role: "approver" },
    { email: "vic@acme.test", role: "viewer" },
    { email: "sam@acme.test", role: "editor" },
  ],
  environments: ENVIRONMENTS,
  cohorts: ACME_COHORTS,
  releases: ACME_RELEASES,
  // Production changes that expose many users need a second person; staging applies directly.
  approvalPolicies: {
    production: {
      cohortThresholdBasisPoints: 5000,
      defaultAboveZero: true,
      promote: true,
      criticalReleases: true,
      regressingCohorts: true,
      expiryMinutes: 24 * 60,
    },
  },
};

/** A second, smaller team so the team switcher has something to switch to. */
const PLATFORM: TeamSeed = {
  slug: "platform",
  name: "Platform",
  at: ago(13, 8),
  members: [
    { email: "ada@acme.test", role: "admin" },
    { email: "vic@acme.test", role: "editor" },
  ],
  environments: ENVIRONMENTS,
  cohorts: [
    {
      key: "canary-region",
      name: "Canary region",
      description: "Traffic served from eu-west-1, where infrastructure changes land first.",
      definition: { kind: "rules", conditions: [{ attribute: "region", operator: "in", values: ["eu-west-1"] }] },
      at: ago(13, 7, 30),
      by: "ada@acme.test",
    },
  ],
  releases: [
    {
      key: "http3-edge",
      name: "HTTP/3 at the edge",
      description: "Enables HTTP/3 (QUIC) on the edge proxies, falling back to HTTP/2 on handshake failure.",
      owner: "vic@acme.test",
      at: ago(12, 6),
      by: "ada@acme.test",
      rollouts: {
        staging: [
          { at: ago(12, 5), by: "ada@acme.test", set: { cohorts: { "canary-region": 10000 } } },
          { at: ago(12, 4, 50), by: "vic@acme.test", command: "start" },
          { at: ago(6, 3), by: "vic@acme.test", set: { default: 2500 } },
        ],
      },
    },
  ],
};

/** Seeded in this order; "acme" decides whether the demo data is already present. */
export const DEMO_TEAMS: TeamSeed[] = [ACME, PLATFORM];
