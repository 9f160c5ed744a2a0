import http from "node:http";
import type { AddressInfo } from "node:net";

export type ParentPage = { origin: string; url: string; serve: (html: string) => void; close: () => Promise<void> };

/**
 * A second local web server standing in for a team's wiki, on an origin of its own: it serves
 * one page with whatever HTML it was last given (e.g. the dashboard's embed snippet).
 */
export async function startParentPage(): Promise<ParentPage> {
  let body = "";
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><html><head><title>Team wiki</title></head><body><h1>Team wiki</h1>${body}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    serve: (html) => {
      body = html;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
