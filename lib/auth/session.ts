import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { auth } from "./index";
import { type Capability, can } from "./roles";
import { type CurrentUser, readSessionUser } from "./sessions";

export type { CurrentUser };

/** The signed-in user, re-read from the database on every request so that
 * a deactivation or a role change takes effect at once; null without a
 * valid session. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session?.user || !Number.isInteger(id)) return null;

  return readSessionUser(await getDb(), {
    id,
    sessionVersion: session.user.sessionVersion,
    signedInAt: session.user.signedInAt,
  });
}

/** For pages: sends strangers to the sign-in page, a user with a one-time
 * password to the password page, and answers 403 to a role without the
 * capability. */
export async function requirePageUser(
  capability: Capability,
): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && capability !== "ownAccount") {
    redirect("/account");
  }
  if (!can(user.role, capability)) forbidden();

  return user;
}

/** For server actions and route handlers: throws an AppError instead. */
export async function requireUser(
  capability: Capability,
): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Please sign in first.");
  if (user.mustChangePassword && capability !== "ownAccount") {
    throw new AppError("forbidden", "Change your one-time password first.");
  }
  if (!can(user.role, capability)) {
    throw new AppError("forbidden", "Your role does not give access to this.");
  }

  return user;
}
