import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "scripts/tmp/**",
      "lib/db/generated/**",
      "prisma/postgres/**",
      "test-results/**",
      "playwright-report/**",
      "screenshots/**",
      "data/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Import boundaries (docs/architecture.md). lib/domain is pure: npm packages and itself only.
  {
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(?!lib/domain(/|$))",
              message: "lib/domain is pure: it imports npm packages and lib/domain only.",
            },
            { group: ["../*"], message: "lib/domain is pure: it imports npm packages and lib/domain only." },
            {
              group: ["node:*", "server-only"],
              message: "lib/domain runs anywhere (browser included): no Node built-ins.",
            },
          ],
        },
      ],
    },
  },
  // Components talk to the server through actions and reads, never to the database.
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*", "@prisma/*", "better-sqlite3", "pg"],
              message: "Components never touch the database: call a read or an action.",
            },
          ],
        },
      ],
    },
  },
  // Pages, layouts and route handlers resolve access and call reads or use cases; the database stays behind them.
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*"],
              message: "Pages never touch the database: call a read (lib/<feature>/list-*, get-*).",
            },
          ],
        },
      ],
    },
  },
  // Use cases and adapters never reach up into the UI.
  {
    files: ["lib/**"],
    ignores: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*"],
              message: "lib/ never imports app/ or components/: move the shared piece down into lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures take an (empty) destructured first argument by design.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off", "no-empty-pattern": "off" },
  },
];

export default config;
