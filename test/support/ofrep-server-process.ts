import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The dedicated server (`npm run ofrep`) as a real child process, for what only a real process
 * shows: a hard kill, a restart. Its output is collected so a test can wait for a line.
 */
export class OfrepServerProcess {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readonly waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts/ofrep-server.ts")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          GLIDEPATH_SDK_RATE_LIMIT: "0",
          ...env,
          OFREP_PORT: String(port),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        for (const line of chunk.split("\n").filter(Boolean)) {
          this.output.push(line);
          for (const waiter of [...this.waiters]) {
            if (!waiter.pattern.test(line)) continue;
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(line);
          }
        }
      });
    }
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** Resolves with the first output line matching `pattern` (already printed or to come). */
  waitForLine(pattern: RegExp): Promise<string> {
    const seen = this.output.find((line) => pattern.test(line));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ pattern, resolve });
      void this.exited.then((code) =>
        reject(new Error(`server exited (${code}) before printing ${pattern}:\n${this.output.join("\n")}`)),
      );
    });
  }

  async ready(): Promise<void> {
    await this.waitForLine(/OFREP server on/);
  }

  /** Stops the process with `signal` and waits for it to be gone. */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** A port for a test's child server: moved with E2E_PORT_BASE like every other server the tests start. */
export function testServerPort(offset: number): number {
  return Number(process.env.E2E_PORT_BASE ?? 3100) + offset;
}
