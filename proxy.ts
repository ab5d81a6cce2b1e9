import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// A first gate only: every page, action and route checks the session and
// the role again on the server. The import page's upload endpoint is left
// out: the proxy reads a request's whole body before anything checks who
// sent it, and an upload may be large; the endpoint checks the session and
// the role before it reads a byte of the body.
export default NextAuth(authConfig).auth;

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|fonts/|import/upload).*)",
  ],
};
