// Part of `npm run lint`: no two folders under lib/ import each other. A two-way tie means one
// of them holds something both need; move it down into a shared room (docs/architecture.md).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const libDir = path.join(root, "lib");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The top-level folder under lib/ a specifier points into, or null for npm packages and other roots. */
function folderOf(fromFile: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const relative = path.relative(libDir, target);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0] ?? null;
}

const edges = new Map<string, Set<string>>(); // "from -> to" -> files
for (const file of sourceFiles(libDir)) {
  const from = path.relative(libDir, file).split(path.sep)[0]!;
  for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    const to = folderOf(file, specifier!);
    if (!to || to === from || !fs.existsSync(path.join(libDir, to))) continue;
    const key = `${from} -> ${to}`;
    if (!edges.has(key)) edges.set(key, new Set());
    edges.get(key)!.add(path.relative(root, file));
  }
}

const reported = new Set<string>();
let failures = 0;
for (const key of [...edges.keys()].sort()) {
  const [from, to] = key.split(" -> ") as [string, string];
  const back = `${to} -> ${from}`;
  if (!edges.has(back) || reported.has(back)) continue;
  reported.add(key);
  failures++;
  console.error(`lib/${from} and lib/${to} import each other:`);
  for (const edge of [key, back]) console.error(`  ${edge}: ${[...edges.get(edge)!].join(", ")}`);
}
if (failures) {
  console.error(
    `\n${failures} two-way tie(s) between folders under lib/; see docs/architecture.md for where shared pieces go.`,
  );
  process.exit(1);
}
console.log(`lib/: ${edges.size} one-way ties between folders, none both ways`);
