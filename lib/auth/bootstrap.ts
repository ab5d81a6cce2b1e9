import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  generatePassword,
  hashPassword,
  minimumPasswordLength,
} from "./password";

export const demoAdminEmail = "admin@reachboard.local";

export type FirstAdmin =
  | { created: false }
  | { created: true; email: string; generatedPassword: string | null };

/**
 * Creates the first admin when there is no user at all: from the given
 * e-mail and password, or a demo admin with a generated password that the
 * caller prints once. Does nothing when any user exists.
 */
export async function ensureFirstAdmin(
  db: Database,
  given: { email?: string; password?: string },
): Promise<FirstAdmin> {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users);
  if ((existing?.count ?? 0) > 0) return { created: false };

  if (
    given.password !== undefined &&
    given.password.length < minimumPasswordLength
  ) {
    throw new AppError(
      "invalid_input",
      `ADMIN_PASSWORD must have at least ${minimumPasswordLength} characters.`,
    );
  }
  const email = (given.email ?? demoAdminEmail).trim().toLowerCase();
  const generated = given.password === undefined ? generatePassword() : null;
  const password = given.password ?? generated ?? "";
  await db.insert(users).values({
    email,
    name: "Administrator",
    role: "admin",
    passwordHash: await hashPassword(password),
  });

  return { created: true, email, generatedPassword: generated };
}
