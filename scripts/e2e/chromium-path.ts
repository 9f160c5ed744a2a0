import { execFileSync } from "node:child_process";
import fs from "node:fs";

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
  const canApt = fs.existsSync("/usr/bin/apt-get") && process.getuid?.() === 0;
  if (canApt) {
    console.log("• Chromium not found: installing Debian's chromium package (apt-get install chromium)…");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      // Fall through to the message below.
    }
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error(
    "✖ The browser tests need Chromium and none was found.\n" +
      "  Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}
