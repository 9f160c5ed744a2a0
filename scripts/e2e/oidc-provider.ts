// A real OpenID Connect identity provider for the browser tests (the `oidc-provider` package,
// its built-in development login and consent pages), on 127.0.0.1 only:
// `tsx scripts/e2e/oidc-provider.ts <port> <redirect uri>`.
import Provider from "oidc-provider";

const [portArg = "3190", redirectUri = "http://localhost:3103/api/auth/callback/oidc"] = process.argv.slice(2);
const port = Number(portArg);

/** Login ids the test types on the provider's login page, and who they are. */
const ACCOUNTS: Record<string, { email: string; name: string }> = {
  ada: { email: "ada@acme.test", name: "Ada Admin" },
  erin: { email: "erin@acme.test", name: "Erin Editor" },
  avery: { email: "avery@acme.test", name: "Avery Approver" },
  newcomer: { email: "newcomer@example.test", name: "Nia Newcomer" },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: "glidepath-e2e",
      client_secret: "glidepath-e2e-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["glidepath-e2e-cookie-key"] },
  // Scope claims in the ID token as well as from userinfo, like most hosted providers.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      claims: async (use: string, scope: string) => {
        if (process.env.OIDC_DEBUG) console.error("claims", use, scope);
        return { sub: id, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => console.log(`OIDC provider on http://127.0.0.1:${port}`));
