"use server";

import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";

export async function signOutAction() {
  const user = await getCurrentUser();
  // Clearing the cookie alone would leave a copy of it working until it
  // expired.
  if (user) await endSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/login" });
}
