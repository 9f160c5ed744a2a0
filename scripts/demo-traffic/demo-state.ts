import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type StateFile = Record<string, { sentUntil: number }>;

/**
 * Remembers, per server and SDK key, until when this generator has sent data, so a restart
 * back-fills only the gap instead of counting the same hours twice.
 */
export class DemoState {
  private readonly id: string;

  constructor(
    private readonly file: string | null,
    baseUrl: string,
    sdkKey: string,
  ) {
    this.id = `${baseUrl.replace(/\/+$/, "")} ${createHash("sha256").update(sdkKey).digest("hex").slice(0, 16)}`;
  }

  /** Epoch ms up to which data was sent, or null when never (or when not remembering). */
  sentUntil(): number | null {
    return this.read()[this.id]?.sentUntil ?? null;
  }

  recordSentUntil(at: number): void {
    if (!this.file) return;
    const state = this.read();
    if ((state[this.id]?.sentUntil ?? 0) >= at) return;
    state[this.id] = { sentUntil: at };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(this.file, `${JSON.stringify(state, null, 2)}\n`);
    } catch (error) {
      // Only a later restart loses: it would back-fill hours already sent.
      console.warn(`[demo-traffic] could not write ${this.file}: ${(error as Error).message}`);
    }
  }

  private read(): StateFile {
    if (!this.file) return {};
    try {
      return JSON.parse(fs.readFileSync(this.file, "utf8")) as StateFile;
    } catch {
      return {};
    }
  }
}
