"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/auth/redirect-path";
import { describeSignInRefusal } from "@/lib/auth/sign-in";

export type SignInState = { error: string | null; email: string };

const formSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address."),
  password: z.string().min(1, "Enter your password."),
});

export async function signInAction(
  _previous: SignInState,
  form: FormData,
): Promise<SignInState> {
  const parsed = formSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0]?.message ?? "Check the form.",
      email,
    };
  }

  try {
    // A path, checked again here since the form can be sent with any:
    // next-auth would otherwise build an absolute URL on localhost.
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeRedirectPath(form.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;

      return { error: describeSignInRefusal(code), email };
    }
    throw error;
  }

  return { error: null, email };
}
