import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Installs a Debian package when we can (root + apt-get); false when we can't or it failed. */
export function aptInstall(pkg: string, why: string): boolean {
  const canApt = fs.existsSync("/usr/bin/apt-get") && process.getuid?.() === 0;
  if (!canApt) return false;
  console.log(`• ${why}: installing Debian's ${pkg} package (apt-get install ${pkg})…`);
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", pkg], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return true;
  } catch {
    return false;
  }
}
