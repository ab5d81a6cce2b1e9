import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { readClientAddress } from "./client-address";
import { authConfig } from "./config";
import { checkCredentials, type SignInRefusal } from "./sign-in";

const credentialsSchema = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
});

/** A refusal whose code, the SignInRefusal, reaches the sign-in form. */
class RefusedSignin extends CredentialsSignin {
  constructor(reason: SignInRefusal) {
    super();
    this.code = reason;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.AUTH_SECRET,
  providers: [
    Credentials({
      credentials: {
        email: { label: "E-mail" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await checkCredentials(
          await getDb(),
          parsed.data.email,
          parsed.data.password,
          readClientAddress(
            request.headers,
            env.REACHBOARD_TRUST_PROXY === "on",
          ),
        );
        if (!result.ok && result.reason !== "invalid")
          throw new RefusedSignin(result.reason);
        if (!result.ok) return null;

        return { ...result.user, id: String(result.user.id) };
      },
    }),
  ],
});
