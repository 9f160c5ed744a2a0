import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildIfStale } from "./lib/build-if-stale";

// `npm start` as a user runs it, against the production build (built here if it is stale, as
// npm start would), on a SQLite file of its own.

/** An IPv4 address of this machine that is not loopback, or null. */
function nonLoopbackAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  return null;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** "open" when something accepts a TCP connection there, else the error code. */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("open");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

type Started = { child: ChildProcess; port: number; output: () => string };

const children: ChildProcess[] = [];

async function npmStart(extraEnv: Record<string, string>): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-start-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dir, "glidepath.db")}`,
    NEXTAUTH_SECRET: "start-test-secret",
    GLIDEPATH_DEMO_TRAFFIC: "0",
    ...extraEnv,
  };
  // As from a user's shell: none of these unless the test sets them (Vitest sets NODE_ENV=test).
  for (const name of [
    "GLIDEPATH_DEV_LOGIN",
    "HOST",
    "AUTH_OIDC_ISSUER",
    "AUTH_OIDC_CLIENT_ID",
    "AUTH_OIDC_CLIENT_SECRET",
    "NEXTAUTH_URL",
    "NODE_ENV",
  ]) {
    if (!(name in extraEnv)) Reflect.deleteProperty(env, name);
  }
  let output = "";
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return { child, port, output: () => output };
}

/** Waits until the server answers /signin on `host`, or the script exits. */
async function signinPage(started: Started, host: string): Promise<string> {
  await expect
    .poll(
      async () => {
        if (started.child.exitCode !== null) throw new Error(`npm start exited:\n${started.output()}`);
        return (await probe(host, started.port)) === "open";
      },
      { timeout: 120_000, interval: 250 },
    )
    .toBe(true);
  const response = await fetch(`http://${host}:${started.port}/signin`);
  expect(response.status).toBe(200);
  return response.text();
}

const address = nonLoopbackAddress();

describe("npm start: where the development sign-in is reachable", () => {
  beforeAll(async () => {
    await buildIfStale();
  }, 30 * 60_000);

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // start.ts passes the signal on to the Next.js server it runs.
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("the embedded demo offers its demo users on 127.0.0.1 only, and says so", async () => {
    const started = await npmStart({});
    expect(await signinPage(started, "127.0.0.1")).toContain("Sign in as");
    expect(started.output()).toContain("listens on 127.0.0.1 only");
    if (address) expect(await probe(address, started.port)).toBe("ECONNREFUSED");
  }, 180_000);

  it.skipIf(!address)(
    "with HOST set the server is on the network and the development sign-in is off, with a warning",
    async () => {
      const started = await npmStart({ HOST: "0.0.0.0" });
      const page = await signinPage(started, address!);
      expect(page).not.toContain("Sign in as");
      expect(started.output()).toContain("Development sign-in is off because HOST is set");
    },
    180_000,
  );
});
