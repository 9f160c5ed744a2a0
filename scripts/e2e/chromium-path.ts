import fs from "node:fs";
import { aptInstall } from "../lib/apt-install";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Playwright can't download its browser here, so tests use the system Chromium, installing
 * Debian's package when we can (root + apt-get) and saying exactly what is missing otherwise.
 */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (aptInstall("chromium", "Chromium not found")) {
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error(
    "✖ The browser tests need Chromium and none was found.\n" +
      "  Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}
