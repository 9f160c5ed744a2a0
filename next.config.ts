import type { NextConfig } from "next";

// The dashboard must never be framed (clickjacking on promote/roll back buttons).
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run typecheck` checks the whole tree (tests and scripts too); checking again inside
  // every build only makes `npm start` slower.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "@resvg/resvg-js",
  ],
  distDir: process.env.NEXT_DIST_DIR || ".next",
  experimental: {
    // Next.js buffers the body of every request that runs proxy.ts (pages and their server
    // actions, malformed machine paths) up to this size; server actions take at most 1 MB
    // (serverActions.bodySizeLimit), so nothing legitimate needs more. Default: 10 MB.
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    // Embeds set their own frame-ancestors (the link's origins) in lib/embeds/embed-headers.ts.
    return [{ source: "/((?!embed/).*)", headers: securityHeaders }];
  },
};

export default nextConfig;
