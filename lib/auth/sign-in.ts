import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { generatePassword, hashPassword, verifyPassword } from "./password";
import type { Role } from "./roles";
import { clearFailures, reservePasswordTry, windowMinutes } from "./throttle";

export type SignInResult =
  | {
      ok: true;
      user: { id: number; name: string; role: Role; sessionVersion: number };
    }
  | { ok: false; reason: SignInRefusal };

/** Why a sign-in was refused: a wrong e-mail or password, or too many
 * failures for the account or from the client's address. */
export type SignInRefusal =
  "invalid" | "throttled_account" | "throttled_address";

const refusalMessages: Record<SignInRefusal, string> = {
  invalid: "The e-mail address or the password is not right.",
  throttled_account: `Too many failed sign-ins for this account. Wait ${windowMinutes} minutes and try again.`,
  // The failures may be on other addresses, or other people's behind the
  // same proxy address; this account may have none.
  throttled_address: `Too many failed sign-ins from your network, whatever the account. Wait ${windowMinutes} minutes and try again.`,
};

/** The sentence the sign-in page shows for a refusal; anything unknown
 * reads as a wrong e-mail or password. */
export function describeSignInRefusal(reason: string | undefined): string {
  return reason !== undefined && Object.hasOwn(refusalMessages, reason)
    ? refusalMessages[reason as SignInRefusal]
    : refusalMessages.invalid;
}

/** A hash at the current cost of a random password, thrown away. */
const unknownAccountHash = hashPassword(generatePassword());

export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Checks a password, slowing down guessing: after five failures for one
 * account, or twenty from one client address, within a quarter of an
 * hour, further tries are refused until the window has passed, whatever
 * the password. */
export async function checkCredentials(
  db: Database,
  email: string,
  password: string,
  address: string | null = null,
): Promise<SignInResult> {
  const key = accountKey(email);
  const refused = await reservePasswordTry(db, key, address);
  if (refused) return { ok: false, reason: `throttled_${refused}` };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  // The password is checked even for an unknown or deactivated account,
  // against a hash of nothing anyone knows: answering without the ~50 ms
  // of scrypt would tell a guesser which addresses have an account.
  const matches = await verifyPassword(
    password,
    user?.active ? user.passwordHash : await unknownAccountHash,
  );
  const valid = user?.active === true && matches;
  if (!user || !valid) {
    await recordAudit(db, {
      userId: user?.id ?? null,
      action: "sign_in_failed",
    });

    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, key);
  await recordAudit(db, { userId: user.id, action: "sign_in" });

  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}
