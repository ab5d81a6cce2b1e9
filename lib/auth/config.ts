import type { NextAuthConfig } from "next-auth";
import type { Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      role: Role;
      sessionVersion: number;
      /** Seconds since 1970 at the sign-in the session came from. */
      signedInAt: number;
    };
  }
}

/** A session's lifetime in seconds, counted from its sign-in: next-auth
 * issues the cookie again with a fresh expiry on each request, so only the
 * sign-in time it carries bounds how long a copied cookie can be used. */
export const sessionMaxAgeSeconds = 8 * 60 * 60;

// The database-free part of the configuration: the proxy runs it on every
// request, so it must not import the database client.
export const authConfig = {
  pages: { signIn: "/login" },
  // One line per error, without its stack, in the proxy's instance as in
  // the server's: a wrong password is no error worth logging, and a
  // cookie that does not decode (forged, or signed with an older secret)
  // printed a stack trace on every request.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") return;
      console.error(`auth: ${type ?? "error"}`);
    },
  },
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
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

      if (isPublic || auth?.user) return true;

      // The page asked for goes to the sign-in page as a path: next-auth's
      // own redirect passes the whole address, whose host Next.js gives as
      // localhost whatever address the server listens on, and the sign-in
      // page takes paths only. Next.js sends the redirect itself as a path.
      const signIn = new URL("/login", request.nextUrl);
      signIn.searchParams.set(
        "callbackUrl",
        `${path}${request.nextUrl.search}`,
      );

      return Response.redirect(signIn, 307);
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = String(user.id);
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }

      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.sub),
        role: token.role as Role,
        sessionVersion: Number(token.sessionVersion),
        signedInAt: Number(token.signedInAt),
      };

      return session;
    },
  },
} satisfies NextAuthConfig;
