"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { signOut } from "@/lib/auth";
import { readClientAddress } from "@/lib/auth/client-address";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { changeOwnPassword } from "@/lib/users/manage";

export type PasswordState = { error: string | null };

const formSchema = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    next: z.string(),
    repeat: z.string(),
  })
  .refine((value) => value.next === value.repeat, {
    message: "The two new passwords differ.",
    path: ["repeat"],
  });

export async function changePasswordAction(
  _previous: PasswordState,
  form: FormData,
): Promise<PasswordState> {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { error: parsed.error.issues[0]?.message ?? "Check the form." };

  try {
    const user = await requireUser("ownAccount");
    await changeOwnPassword(
      await getDb(),
      user.id,
      { current: parsed.data.current, next: parsed.data.next },
      readClientAddress(await headers(), env.REACHBOARD_TRUST_PROXY === "on"),
    );
  } catch (error) {
    return { error: describeError(error).message };
  }
  // Every session of the user ended with the change, this one included.
  await signOut({ redirectTo: "/login" });

  return { error: null };
}
