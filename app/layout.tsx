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
        {/* The first stop for the keyboard: past the team navigation to the page itself. */}
        <a
          href="#main"
          className="sr-only rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 dark:bg-zinc-900 dark:text-brand-100"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
