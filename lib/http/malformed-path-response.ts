const MESSAGE = "The path is not valid percent-encoded UTF-8";
const NO_STORE = { "cache-control": "no-store" };

/**
 * The answer to a path with a segment that doesn't decode (`%E0%A4%A`, `%`, `%00`), in the
 * format of the API it was meant for. Next.js itself answers such paths with a plain 500
 * before any route handler runs, so proxy.ts answers them first.
 */
export function malformedPathResponse(pathname: string): Response {
  if (pathname.startsWith("/ofrep/")) {
    const key = /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)\/?$/.exec(pathname)?.[1];
    const body = { ...(key ? { key } : {}), errorCode: "GENERAL", errorDetails: MESSAGE };
    return Response.json(body, { status: 400, headers: { ...NO_STORE, "access-control-allow-origin": "*" } });
  }
  if (pathname.startsWith("/api/")) {
    return Response.json({ error: { code: "invalid_path", message: MESSAGE } }, { status: 400, headers: NO_STORE });
  }
  if (pathname.startsWith("/embed/")) {
    // What an unknown token answers: no chart link can have such a token.
    return new Response("This chart link does not exist.", {
      status: 404,
      headers: { ...NO_STORE, "content-type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(`Bad request: ${MESSAGE.toLowerCase()}.`, {
    status: 400,
    headers: { ...NO_STORE, "content-type": "text/plain; charset=utf-8" },
  });
}
