import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import {
  generatePassword,
  hashPassword,
  minimumPasswordLength,
  verifyPassword,
} from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { accountKey, describeSignInRefusal } from "@/lib/auth/sign-in";
import { clearFailures, reservePasswordTry } from "@/lib/auth/throttle";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
};

export async function listUsers(db: Database): Promise<UserRow[]> {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .orderBy(asc(users.name));
}

/** A fresh one-time password and the user fields that hold it: the user
 * must replace it at their next sign-in before anything else. The
 * password itself is only returned, to be shown once to the admin; it is
 * never stored, logged or audited. */
async function createOneTimePassword() {
  const oneTimePassword = generatePassword();

  return {
    oneTimePassword,
    fields: {
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
    },
  };
}

/** Creates a user with a one-time password that must be changed at first
 * sign-in. Returns that password, to be shown once to the admin. */
export async function inviteUser(
  db: Database,
  actorId: number,
  input: { email: string; name: string; role: Role },
): Promise<{ id: number; oneTimePassword: string }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  if (existing)
    throw new AppError(
      "conflict",
      "A user with this e-mail address exists already.",
    );

  const { oneTimePassword, fields } = await createOneTimePassword();
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email, name: input.name.trim(), role: input.role, ...fields })
      .returning({ id: users.id });
    if (!row) throw new Error("user insert returned nothing");
    await recordAudit(tx, {
      userId: actorId,
      action: "user_created",
      details: { userId: row.id, role: input.role },
    });

    return row;
  });

  return { id: created.id, oneTimePassword };
}

export async function changeRole(
  db: Database,
  actorId: number,
  userId: number,
  role: Role,
) {
  if (actorId === userId)
    throw new AppError("invalid_input", "You cannot change your own role.");
  const [before] = await db
    .select({ role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  if (!before) throw new AppError("not_found", "There is no such user.");

  // A new session version ends the user's sessions, which carry the old role.
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ role, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      userId: actorId,
      action: "role_changed",
      details: { userId, from: before.role, to: role },
    });
  });
}

/** Deactivating ends every session of the user at their next request. */
export async function deactivateUser(
  db: Database,
  actorId: number,
  userId: number,
) {
  if (actorId === userId)
    throw new AppError("invalid_input", "You cannot deactivate yourself.");
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ active: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0)
      throw new AppError("not_found", "There is no such user.");
    await recordAudit(tx, {
      userId: actorId,
      action: "user_deactivated",
      details: { userId },
    });
  });
}

/** Gives a deactivated user access again, with the role they had. Their
 * sessions from before stay ended: they sign in anew. */
export async function reactivateUser(
  db: Database,
  actorId: number,
  userId: number,
) {
  const [before] = await db
    .select({ active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!before) throw new AppError("not_found", "There is no such user.");
  if (before.active)
    throw new AppError("conflict", "This user is active already.");

  // Deactivation moved the session version on already; moving it again
  // keeps any session issued before this moment ended, whatever happened
  // in between. The condition on `active` makes two admins clicking at
  // once reactivate (and audit) only once.
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ active: true, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.active, false)))
      .returning({ id: users.id });
    if (updated.length === 0)
      throw new AppError("conflict", "This user is active already.");
    await recordAudit(tx, {
      userId: actorId,
      action: "user_reactivated",
      details: { userId },
    });
  });
}

/**
 * Gives an active user a new one-time password, for when they forgot
 * theirs; returns it, to be shown once to the admin. The user's sessions
 * end, the old password stops working, and the account's failed sign-ins
 * are forgotten, so a lockout from their own guessing does not refuse the
 * new password. Admins change their own password on the Account page,
 * which asks for the current one.
 */
export async function resetPassword(
  db: Database,
  actorId: number,
  userId: number,
): Promise<{ oneTimePassword: string }> {
  if (actorId === userId)
    throw new AppError(
      "invalid_input",
      "Change your own password on the Account page.",
    );
  const [user] = await db
    .select({ email: users.email, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "There is no such user.");
  const inactive = new AppError(
    "conflict",
    "This user is deactivated. Reactivate them first.",
  );
  if (!user.active) throw inactive;

  const { oneTimePassword, fields } = await createOneTimePassword();
  // Only while still active: a deactivation at the same moment wins.
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ ...fields, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.active, true)))
      .returning({ id: users.id });
    if (updated.length === 0) throw inactive;
    await clearFailures(tx, accountKey(user.email));
    await recordAudit(tx, {
      userId: actorId,
      action: "password_reset",
      details: { userId },
    });
  });

  return { oneTimePassword };
}

/** Changes the user's own password; other sessions of the user end. The
 * current password is checked under sign-in's limits and counts towards
 * them: a stolen session must not give unlimited guesses at it. */
export async function changeOwnPassword(
  db: Database,
  userId: number,
  input: { current: string; next: string },
  address: string | null = null,
) {
  if (input.next.length < minimumPasswordLength) {
    throw new AppError(
      "invalid_input",
      `The new password needs at least ${minimumPasswordLength} characters.`,
    );
  }
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "There is no such user.");

  const key = accountKey(user.email);
  // Sign-in's words: the failures counted are the same.
  const refused = await reservePasswordTry(db, key, address);
  if (refused) {
    throw new AppError(
      "forbidden",
      describeSignInRefusal(`throttled_${refused}`),
    );
  }
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    await recordAudit(db, {
      userId,
      action: "sign_in_failed",
      details: { during: "password_change" },
    });
    throw new AppError("invalid_input", "The current password is not right.");
  }
  await clearFailures(db, key);
  if (input.current === input.next) {
    throw new AppError(
      "invalid_input",
      "The new password must differ from the current one.",
    );
  }

  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, userId));
    await recordAudit(tx, { userId, action: "password_changed" });
  });
}
