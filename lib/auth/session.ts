import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { auth } from "./index";
import { type Capability, can, type Role } from "./roles";

export type CurrentUser = {
  id: number;
  name: string;
  role: Role;
  mustChangePassword: boolean;
};

/** The signed-in user, re-read from the database on every request so that
 * a deactivation or a role change takes effect at once; null without a
 * valid session. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session?.user || !Number.isInteger(id)) return null;

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user?.active || user.sessionVersion !== session.user.sessionVersion)
    return null;

  return {
    id: user.id,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
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
