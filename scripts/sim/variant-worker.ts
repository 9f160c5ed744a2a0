// One variant in a process of its own (its own database and controller), so two variants use
// two cores. `tsx --conditions=react-server variant-worker.ts '<json>'`; writes the result as JSON.
import fs from "node:fs";
import { runVariant } from "./run-variant";
import { variants } from "./scenarios";

export type WorkerInput = { id: string; aaRuns: number; seed: number; resultFile: string };

const input = JSON.parse(process.argv[2] ?? "{}") as WorkerInput;
const variant = variants(input.aaRuns).find((v) => v.id === input.id);
if (!variant) throw new Error(`No variant "${input.id}"`);
const result = await runVariant(variant, input.seed, (line) => console.error(line));
fs.writeFileSync(input.resultFile, JSON.stringify(result));
