import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// A first gate only: every page, action and route checks the session and
// the role again on the server.
export default NextAuth(authConfig).auth;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|fonts/).*)"],
};
