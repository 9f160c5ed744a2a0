import { seededRandom, type Random } from "./seeded-random";

/*
 * The hostile inputs every transport is fuzzed with (test/integration/fuzz-*.test.ts against the
 * dedicated server, e2e/api/fuzz-dashboard.spec.ts against the Next.js production build).
 * Bodies are raw text, because the interesting numbers (1e309, -0, 2^53 + 1, 30 digits) don't
 * survive a trip through a JavaScript number. Generated from a fixed seed: no Math.random.
 */

export const FUZZ_SEED = 20_261_010;

/** Raw (as sent) path segments that don't decode, decode to control characters, or are merely odd. */
export const MALFORMED_SEGMENTS = [
  "%E0%A4%A",
  "%",
  "%25",
  "%2525",
  "%00",
  "%0A",
  "%1F",
  "%7F",
  "%C0%AF",
  "%ED%A0%80",
  "%FF",
  "%E0%A4",
  "%u0041",
  "%%",
  "a%2Fb",
  "%2e%2e",
  "..",
  "__proto__",
  "constructor",
  "%F0%9F%92%A9",
  "x".repeat(2_000),
];

/** Segments that must be refused as malformed (400 on the API routes), not merely not found. */
export const UNDECODABLE_SEGMENTS = [
  "%E0%A4%A",
  "%",
  "%00",
  "%0A",
  "%1F",
  "%7F",
  "%C0%AF",
  "%ED%A0%80",
  "%FF",
  "%E0%A4",
  "%u0041",
  "%%",
];

export const EXTREME_NUMBERS = [
  "1e308",
  "-1e308",
  "1e309",
  "-1e309",
  "-0",
  "5e-324",
  "9007199254740993",
  "-9007199254740993",
  "123456789012345678901234567890",
  "0.1e-400",
  '"NaN"',
  '"Infinity"',
  '"-Infinity"',
  '"1e400"',
  '"0x10"',
  "-1",
  "0.5",
];

export const WRONG_TYPES = [
  "null",
  "true",
  "false",
  '""',
  '"x"',
  "[]",
  "{}",
  "[1]",
  '{"a":1}',
  '"\\u0000"',
  '"\\ud800"',
  JSON.stringify("é".repeat(3_000)),
];

export const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
];

export type BodyCase = {
  name: string;
  body: string | Buffer;
  /** Where the template was changed ("(root)" for the top level). */ path?: string;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const SLOT = "\u0001slot\u0001";

function leafPaths(value: Json, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [path];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => leafPaths(child, [...path, key]));
}

function allPaths(value: Json, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return path.length ? [path] : [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [...(path.length ? [path] : []), ...entries.flatMap(([key, child]) => allPaths(child, [...path, key]))];
}

function objectPaths(value: Json, path: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [
    ...(Array.isArray(value) ? [] : [path]),
    ...entries.flatMap(([key, child]) => objectPaths(child, [...path, key])),
  ];
}

/** The template as JSON text with the value at `path` replaced by raw JSON text. */
function replaced(template: Json, path: Path, raw: string): string {
  const copy = structuredClone(template);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path.at(-1)!] = SLOT;
  return JSON.stringify(copy).replace(JSON.stringify(SLOT), raw);
}

/** The template as JSON text with an extra raw `"key": value` member in the object at `path`. */
function withMember(template: Json, path: Path, key: string, raw: string): string {
  const copy = structuredClone(template);
  let target = copy as Record<string | number, Json>;
  for (const step of path) target = target[step] as Record<string | number, Json>;
  target[SLOT] = null;
  return JSON.stringify(copy).replace(`${JSON.stringify(SLOT)}:null`, `${JSON.stringify(key)}:${raw}`);
}

const label = (path: Path) => path.join(".") || "(root)";

/** Every member of the template (leaves, objects and arrays) set to every wrong type. */
export function wrongTypeCases(template: Json): BodyCase[] {
  return allPaths(template).flatMap((path) =>
    WRONG_TYPES.map((raw) => ({
      name: `${label(path)} = ${raw.slice(0, 24)}`,
      body: replaced(template, path, raw),
      path: label(path),
    })),
  );
}

/** Every leaf of the template set to every extreme number. */
export function extremeNumberCases(template: Json): BodyCase[] {
  return leafPaths(template).flatMap((path) =>
    EXTREME_NUMBERS.map((raw) => ({
      name: `${label(path)} = ${raw}`,
      body: replaced(template, path, raw),
      path: label(path),
    })),
  );
}

/** Prototype keys added to every object of the template, as objects and as plain values. */
export function prototypeKeyCases(template: Json): BodyCase[] {
  return objectPaths(template).flatMap((path) =>
    PROTOTYPE_KEYS.flatMap((key) => [
      {
        name: `${label(path)}.${key} = {…}`,
        body: withMember(
          template,
          path,
          key,
          '{"targetingKey":"polluted","country":"DE","isAdmin":true,"polluted":true}',
        ),
        path: label(path),
      },
      { name: `${label(path)}.${key} = 1`, body: withMember(template, path, key, "1"), path: label(path) },
    ]),
  );
}

function nested(depth: number, open: string, close: string, inner = "1"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** Bodies that are not the expected JSON at all, or are within the byte cap but built to hurt. */
export function structuralCases(random: Random, maxBytes: number): BodyCase[] {
  // As deep as fits under the cap: a recursive walk of the parsed value overflows the stack.
  const depth = Math.floor((maxBytes - 64) / 2);
  const objectDepth = Math.floor((maxBytes - 64) / 6);
  const randomText = Array.from({ length: 256 }, () => String.fromCharCode(random.int(0x10000))).join("");
  return [
    { name: "empty", body: "" },
    { name: "whitespace", body: " \n\t " },
    { name: "truncated", body: '{"context":{"targetingKey":"u' },
    { name: "not json", body: "context=targetingKey" },
    { name: "a number", body: "1e309" },
    { name: "a string", body: '"__proto__"' },
    { name: "null", body: "null" },
    { name: "an array", body: "[{}]" },
    { name: "NUL bytes", body: "\u0000\u0000" },
    { name: "byte order mark", body: '\ufeff{"context":{"targetingKey":"u"}}' },
    { name: "invalid UTF-8", body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]) },
    { name: "lone surrogates", body: '{"context":{"targetingKey":"\\ud800\\udfff\\ud800","x":"\\udc00"}}' },
    { name: "random UTF-16", body: JSON.stringify({ context: { targetingKey: randomText, attribute: randomText } }) },
    { name: "duplicate keys", body: '{"context":{"targetingKey":"a"},"context":{"targetingKey":"b"}}' },
    { name: `arrays ${depth} deep`, body: nested(depth, "[", "]") },
    { name: `objects ${objectDepth} deep`, body: nested(objectDepth, '{"a":', "}") },
    {
      name: "deep context",
      body: `{"context":{"targetingKey":"u","deep":${nested(Math.floor(depth / 2) - 40, "[", "]")}}}`,
    },
    {
      name: "a long string just under the cap",
      body: JSON.stringify({ context: { targetingKey: "u", blob: "x".repeat(maxBytes - 200) } }),
    },
    {
      name: "many keys",
      body: JSON.stringify({
        context: Object.fromEntries(Array.from({ length: Math.floor(maxBytes / 16) }, (_, i) => [`k${i}`, i])),
      }),
    },
  ];
}

/** The whole body corpus for one JSON template, in a seeded order. */
export function bodyCorpus(template: Json, maxBytes: number, seed = FUZZ_SEED): BodyCase[] {
  const random = seededRandom(seed);
  return random.shuffle([
    ...wrongTypeCases(template),
    ...extremeNumberCases(template),
    ...prototypeKeyCases(template),
    ...structuralCases(random, maxBytes),
  ]);
}

export type IngestCase = BodyCase & {
  /** Nothing of it may be stored: the answer must accept no item. */ mustReject: boolean;
};

/** A series the corpus writes to: the release and cohort of its items. */
export type FuzzSeries = { release: string; cohort: string };

export type IngestWorld = { metric: string; refused: FuzzSeries; either: FuzzSeries; now: number };

/**
 * Ingest batches for an error-rate metric. Wrong types, prototype keys inside an item and
 * broken bodies go to the `refused` series and must be refused whole. Extreme numbers go to
 * the `either` series: some are fine data (`-0` errors of 10 requests), and an error rate's values
 * are bounded (0/1, sum ≤ count ≤ 1e9), so whatever is accepted can't overflow a cell.
 */
export function ingestCorpus(world: IngestWorld, seed = FUZZ_SEED): IngestCase[] {
  const random = seededRandom(seed);
  const item = (series: FuzzSeries, fields: Record<string, Json>) => ({
    observations: [
      { metric: world.metric, release: series.release, cohort: series.cohort, variant: "treatment", ...fields },
    ],
  });
  const refused = item(world.refused, { value: 1 });
  const cases: IngestCase[] = [
    ...wrongTypeCases(refused).map((c) => ({ ...c, mustReject: true })),
    ...prototypeKeyCases(refused)
      .filter((c) => c.path !== "(root)")
      .map((c) => ({ ...c, mustReject: true })),
    // A stray member at the top level leaves the items valid: those may be kept.
    ...prototypeKeyCases(item(world.either, { value: 1 }))
      .filter((c) => c.path === "(root)")
      .map((c) => ({ ...c, mustReject: false })),
    ...structuralCases(random, 1024 * 1024).map((c) => ({ ...c, mustReject: true })),
    ...extremeNumberCases(item(world.either, { count: 10, sum: 1, timestamp: world.now })).map((c) => ({
      ...c,
      mustReject: false,
    })),
    ...extremeNumberCases(item(world.either, { value: 1 })).map((c) => ({ ...c, mustReject: false })),
  ];
  return random.shuffle(cases);
}
