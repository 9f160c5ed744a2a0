import { ago, type ReleaseSeed } from "./seed-types";

// Basis points: 10000 = 100%, 2500 = 25%, 50 = 0.5%. Each timeline is replayed through the
// rollout state machine by plan-team.ts, which refuses anything the app itself would refuse.
const ADA = "ada@acme.test";
const ERIN = "erin@acme.test";
const AVERY = "avery@acme.test";
const SAM = "sam@acme.test";

export const ACME_RELEASES: ReleaseSeed[] = [
  {
    key: "dark-mode",
    name: "Dark mode",
    description: "A dark colour scheme for the storefront, following the operating system setting.",
    owner: ERIN,
    at: ago(13, 21),
    by: ERIN,
    rollouts: {
      staging: [
        { at: ago(13, 20), by: ERIN, set: { default: 2500 } },
        { at: ago(13, 19, 55), by: ERIN, command: "start" },
        { at: ago(13, 2), by: ERIN, set: { default: 10000 } },
        { at: ago(12, 23), by: ADA, command: "promote" },
      ],
      production: [
        { at: ago(12, 22), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(12, 21, 50), by: ERIN, command: "start" },
        { at: ago(11, 20), by: ERIN, set: { cohorts: { "beta-testers": 10000 }, default: 1000 } },
        { at: ago(10, 4), by: SAM, set: { default: 5000 } },
        { at: ago(8, 3), by: ADA, command: "promote" },
      ],
    },
  },
  {
    // Ramping in production; the demo traffic gives its mobile cohort a regression.
    key: "new-checkout",
    name: "New checkout flow",
    description: "Single-page checkout with saved payment methods and address autocomplete.",
    owner: ERIN,
    at: ago(13, 4),
    by: ERIN,
    rollouts: {
      staging: [
        { at: ago(13, 3), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(13, 2, 45), by: ERIN, command: "start" },
        { at: ago(12, 5), by: ERIN, set: { cohorts: { "beta-testers": 10000 }, default: 1000 } },
        { at: ago(11, 6), by: SAM, set: { default: 5000 } },
        { at: ago(10, 3), by: ADA, command: "promote" },
      ],
      production: [
        { at: ago(9, 5), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(9, 4, 50), by: ERIN, command: "start" },
        { at: ago(8, 2), by: ERIN, set: { cohorts: { "beta-testers": 10000 } } },
        { at: ago(6, 3), by: SAM, set: { cohorts: { eu: 100, us: 500 } } },
        { at: ago(4, 1), by: ERIN, set: { cohorts: { eu: 500, us: 1000 } } },
        { at: ago(2, 3), by: ERIN, set: { cohorts: { us: 2500 } } },
        // The demo traffic gives this cohort's treatment a regression (scripts/demo-traffic).
        { at: ago(1, 6), by: ERIN, set: { cohorts: { mobile: 2000 } } },
      ],
    },
  },
  {
    key: "search-v2",
    name: "Search v2",
    description: "New search backend with typo tolerance and faceted filters.",
    owner: SAM,
    at: ago(12, 2),
    by: SAM,
    rollouts: {
      staging: [
        { at: ago(12, 1), by: SAM, set: { cohorts: { "internal-staff": 10000 }, default: 2000 } },
        { at: ago(12, 0, 50), by: SAM, command: "start" },
        { at: ago(10, 2), by: SAM, set: { default: 5000 } },
      ],
      production: [
        { at: ago(7, 6), by: SAM, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(7, 5, 45), by: SAM, command: "start" },
        { at: ago(5, 4), by: ERIN, set: { cohorts: { "beta-testers": 10000 }, default: 500 } },
        { at: ago(3, 2), by: SAM, set: { default: 1000 } },
        // p95 latency went up under Monday's load; held while the index is resharded.
        { at: ago(1, 5), by: SAM, command: "pause" },
      ],
    },
  },
  {
    key: "payment-retry",
    name: "Smart payment retry",
    // Money moves: every production change needs a second pair of eyes.
    critical: true,
    description: "Retries soft-declined card payments with backoff instead of failing the order.",
    owner: SAM,
    at: ago(11, 7),
    by: SAM,
    rollouts: {
      staging: [
        { at: ago(11, 6), by: SAM, command: "start" },
        { at: ago(11, 5), by: SAM, set: { cohorts: { "internal-staff": 10000 }, default: 5000 } },
        { at: ago(10, 2, 30), by: SAM, set: { default: 10000 } },
        { at: ago(9, 1), by: ADA, command: "promote" },
      ],
      production: [
        { at: ago(6, 2), by: SAM, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(6, 1, 50), by: SAM, command: "start" },
        { at: ago(5, 1), by: SAM, set: { default: 500 } },
        { at: ago(3, 4), by: ERIN, set: { default: 2000 } },
        // Duplicate charges reported by support: rolled back without waiting for anyone.
        { at: ago(2, 22), by: SAM, command: "rollback" },
      ],
    },
  },
  {
    key: "fast-image-cdn",
    name: "Fast image CDN",
    description: "Serves product images from the new edge CDN in AVIF, with WebP fallback.",
    owner: SAM,
    at: ago(10, 5),
    by: SAM,
    rollouts: {
      staging: [
        { at: ago(10, 4), by: SAM, command: "start" },
        { at: ago(10, 3), by: SAM, set: { default: 10000 } },
        { at: ago(9, 6), by: SAM, command: "promote" },
      ],
      production: [
        { at: ago(8, 5), by: SAM, command: "start" },
        { at: ago(8, 4), by: SAM, set: { default: 500 } },
        { at: ago(6, 6), by: SAM, set: { default: 1000 } },
        { at: ago(4, 3), by: ERIN, set: { default: 2500 } },
        { at: ago(1, 2), by: SAM, set: { default: 5000 } },
      ],
    },
  },
  {
    key: "recommendations-ml",
    name: "ML recommendations",
    description: "Replaces the 'customers also bought' rules with the new ranking model.",
    owner: AVERY,
    at: ago(9, 3),
    by: ERIN,
    rollouts: {
      staging: [
        { at: ago(9, 2), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(9, 1, 55), by: ERIN, command: "start" },
        { at: ago(6, 5), by: ERIN, set: { cohorts: { "beta-testers": 5000 } } },
        { at: ago(2, 6), by: SAM, set: { cohorts: { "beta-testers": 10000 }, default: 200 } },
      ],
      // Prepared while still a draft: nobody sees it until it is started.
      production: [{ at: ago(3, 1), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } }],
    },
  },
  {
    key: "onboarding-tour",
    name: "Guided onboarding tour",
    description: "A five-step tour for first-time visitors highlighting search, lists and checkout.",
    owner: ERIN,
    at: ago(8, 23),
    by: ERIN,
    rollouts: {
      staging: [
        { at: ago(8, 22), by: ERIN, set: { default: 10000 } },
        { at: ago(8, 21, 50), by: ERIN, command: "start" },
        { at: ago(7, 3), by: ADA, command: "promote" },
      ],
      production: [
        { at: ago(5, 6), by: ERIN, set: { cohorts: { "internal-staff": 10000 } } },
        { at: ago(5, 5, 50), by: ERIN, command: "start" },
        { at: ago(4, 2), by: ERIN, set: { cohorts: { mobile: 100, "free-tier": 10 } } },
        { at: ago(2, 1), by: ERIN, set: { cohorts: { mobile: 500 } } },
        { at: ago(0, 5), by: SAM, set: { cohorts: { mobile: 1000, "free-tier": 50 } } },
      ],
    },
  },
  {
    key: "pricing-page-2026",
    name: "Pricing page 2026",
    description: "The redesigned pricing page with annual billing toggle; waiting on final copy.",
    owner: ADA,
    at: ago(0, 20),
    by: ADA,
    rollouts: {},
  },
];
