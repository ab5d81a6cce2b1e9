"use server";

import { recordAudit } from "@/lib/audit";
import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export async function signOutAction() {
  const user = await getCurrentUser();
  if (user)
    await recordAudit(await getDb(), { userId: user.id, action: "sign_out" });
  await signOut({ redirectTo: "/login" });
}
