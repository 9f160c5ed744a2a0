// Entry of the metrics flush worker thread. Plain JavaScript so that it loads the same way
// under tsx, Vitest and a Next.js production build (which bundles lib/ code but not this
// file): it registers tsx's loader in the worker, then imports the TypeScript module.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
register({ tsconfig: path.resolve(here, "../../../tsconfig.json") });
await import(pathToFileURL(path.join(here, "flush-worker.ts")).href);
