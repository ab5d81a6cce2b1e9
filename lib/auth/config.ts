import type { NextAuthConfig } from "next-auth";
import type { Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; role: Role; sessionVersion: number };
  }
}

// The database-free part of the configuration: the proxy runs it on every
// request, so it must not import the database client.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      // The REST API and the webhooks check their own key or signature.
      const isPublic =
        path === "/login" ||
        path.startsWith("/api/auth") ||
        path.startsWith("/api/v1/") ||
        path.startsWith("/api/webhooks/");

      return isPublic || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = String(user.id);
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
      }

      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.sub),
        role: token.role as Role,
        sessionVersion: Number(token.sessionVersion),
      };

      return session;
    },
  },
} satisfies NextAuthConfig;
