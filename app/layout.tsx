import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Glidepath", template: "%s · Glidepath" },
  description: "Progressive delivery: ramp releases cohort by cohort, see harm early, roll back in one click.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's nonce (proxy.ts) is for this request only, so every page renders per request:
  // one prerendered at build time would carry scripts without it, which the policy blocks.
  // Next.js puts the nonce on its own scripts; a <Script> added here would need nonce={nonce}.
  const nonce = (await headers()).get("x-nonce");
  if (!nonce && process.env.NODE_ENV === "production") console.warn("[csp] a page rendered without the proxy's nonce");
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
