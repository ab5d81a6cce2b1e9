import NextAuth from "next-auth";
import type { NextFetchEvent, NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";

// A first gate only: every page, action and route checks the session and
// the role again on the server. The proxy reads a request's body (and cuts
// it at next.config.mjs's proxyClientMaxBodySize) before anything checks
// who sent it, so it leaves out the routes that take large bodies and check
// their callers themselves before reading one: the import page's upload
// endpoint (session and role), the REST API (its key; bodies up to 5 MB)
// and the webhooks (their signatures).
const gate = NextAuth(authConfig).auth as unknown as (
  request: NextRequest,
  event: NextFetchEvent,
) => Promise<Response | undefined>;

/** The longest address served, as the proxy reads it (commas and other
 * reserved characters percent-encoded). No page needs more, even with a
 * filter of hundreds of ids; a longer one gets 414 at once. */
export const maxUrlLength = 4_096;

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.url.length > maxUrlLength)
    return new Response(
      `The address is longer than ${maxUrlLength.toLocaleString("en-US")} characters: choose fewer filter values.`,
      {
        status: 414,
        headers: { "content-type": "text/plain; charset=utf-8" },
      },
    );

  return gate(request, event);
}

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|fonts/|import/upload|api/v1/|api/webhooks/).*)",
  ],
};
