/** The demo team's production SDK key on the browser-test servers (not a secret). */
export const E2E_SDK_KEY = "gp_sdk_e2eDemoProductionKey0000000000";

/** Where serve.ts leaves a project's database URL for specs; apart per E2E_PORT_BASE. */
export function databaseUrlFile(label: string): string {
  const base = process.env.E2E_PORT_BASE;
  return `test-results/e2e-${label}${base && base !== "3100" ? `-${base}` : ""}.database-url`;
}
