/** The demo team's production SDK key on the browser-test servers (not a secret). */
export const E2E_SDK_KEY = "gp_sdk_e2eDemoProductionKey0000000000";
