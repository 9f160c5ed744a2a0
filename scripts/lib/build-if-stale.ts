import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runOrExit } from "./run";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];

function fingerprint(root: string): string {
  const hash = createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    } else {
      hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) walk(path.join(root, source));
  return hash.digest("hex");
}

/** `next build` only when the sources changed since the last build, so restarts are quick. */
export async function buildIfStale(root = process.cwd()) {
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  const stamp = path.join(distDir, "glidepath-fingerprint");
  const current = fingerprint(root);
  if (
    fs.existsSync(path.join(distDir, "BUILD_ID")) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, "utf8") === current
  ) {
    console.log("✓ Production build is up to date");
    return;
  }
  console.log("• Building the dashboard (next build)…");
  await runOrExit(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync(stamp, current);
}
