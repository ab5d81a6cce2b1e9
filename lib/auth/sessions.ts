import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { sessionMaxAgeSeconds } from "./config";
import type { Role } from "./roles";

export type CurrentUser = {
  id: number;
  name: string;
  role: Role;
  mustChangePassword: boolean;
};

/** What a session cookie claims: the user, the session version it was
 * issued under, and when its sign-in was (seconds since 1970). */
export type SessionClaim = {
  id: number;
  sessionVersion: number;
  signedInAt: number;
};

/** The user a session belongs to, or null once the session is older than
 * its lifetime, the user is deactivated, or the user's session version has
 * moved on since the session was issued. */
export async function readSessionUser(
  db: Database,
  claim: SessionClaim,
): Promise<CurrentUser | null> {
  // Also false for a session issued before sign-ins carried their time
  // (NaN): such a session ends once, at its next request.
  const ageSeconds = Date.now() / 1000 - claim.signedInAt;
  if (!(ageSeconds < sessionMaxAgeSeconds)) return null;

  const [user] = await db.select().from(users).where(eq(users.id, claim.id));
  if (!user?.active || user.sessionVersion !== claim.sessionVersion)
    return null;

  return {
    id: user.id,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Signs a user out on the server: a new session version makes every
 * session issued before it invalid, so a copy of the cookie stops working
 * too. Sessions carry no id of their own, so this ends all of the user's
 * sessions, on every device; telling them apart would take a table of
 * ended session ids checked on each request.
 */
export async function endSessions(db: Database, userId: number) {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
  await recordAudit(db, { userId, action: "sign_out" });
}
