// The subset of oidc-provider 9 the browser-test identity provider uses (it ships no types).
declare module "oidc-provider" {
  type Account = { accountId: string; claims: (use: string, scope: string) => Promise<Record<string, unknown>> };
  type Configuration = {
    clients: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    conformIdTokenClaims?: boolean;
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
  };
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    listen(port: number, host: string, callback?: () => void): unknown;
  }
}
