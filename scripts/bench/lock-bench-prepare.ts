// For evaluate-under-lock.ts: a database built from the migrations with the demo team and the
// well-known demo SDK key. `tsx --conditions=react-server lock-bench-prepare.ts <DATABASE_URL>`
import { applyPendingMigrations } from "../../lib/db/migrate";
import { E2E_SDK_KEY } from "../e2e/e2e-constants";

const url = process.argv[2];
if (!url) throw new Error("usage: lock-bench-prepare.ts <DATABASE_URL>");
process.env.DATABASE_URL = url;
await applyPendingMigrations(url);
const { seedDemo } = await import("../../lib/seed/seed-demo");
await seedDemo();
process.env.GLIDEPATH_DEMO_SDK_KEY = E2E_SDK_KEY;
const { ensureDemoSdkKey } = await import("../../lib/seed/ensure-demo-sdk-key");
await ensureDemoSdkKey("none");
process.exit(0);
