import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import { readSessionUser } from "@/lib/auth/sessions";
import { checkCredentials, describeSignInRefusal } from "@/lib/auth/sign-in";
import type { Connection } from "@/lib/db";
import { auditLog, users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import {
  changeOwnPassword,
  changeRole,
  deactivateUser,
  inviteUser,
  reactivateUser,
  resetPassword,
} from "./manage";

describe("user management", () => {
  let connection: Connection;
  let adminId: number;
  beforeAll(async () => {
    connection = await createTestConnection();
    await ensureFirstAdmin(connection.db, {
      email: "Boss@Example.com",
      password: "correct horse battery",
    });
    const [admin] = await connection.db.select().from(users);
    adminId = admin?.id ?? 0;
  });
  afterAll(() => connection.close());

  it("creates the first admin only when there is no user", async () => {
    const again = await ensureFirstAdmin(connection.db, {
      email: "other@example.com",
      password: "another long password",
    });
    expect(again).toEqual({ created: false });
    const rows = await connection.db.select({ email: users.email }).from(users);
    expect(rows).toEqual([{ email: "boss@example.com" }]);
  });

  it("signs in with the one-time password of an invited user, who must then change it", async () => {
    const { id, oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "mara@example.com",
      name: "Mara",
      role: "marketer",
    });
    const result = await checkCredentials(
      connection.db,
      "MARA@example.com",
      oneTimePassword,
    );
    expect(result.ok).toBe(true);
    const [row] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, id));
    expect(row?.mustChangePassword).toBe(true);

    await changeOwnPassword(connection.db, id, {
      current: oneTimePassword,
      next: "a much better passphrase",
    });
    const [after] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, id));
    expect(after?.mustChangePassword).toBe(false);
    expect(after?.sessionVersion).toBe(2);
  });

  it("refuses a new password shorter than 12 characters", async () => {
    await expect(
      changeOwnPassword(connection.db, adminId, {
        current: "correct horse battery",
        next: "short",
      }),
    ).rejects.toThrow(/at least 12/);
  });

  it("ends a deactivated user's sign-ins and sessions", async () => {
    const { id, oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "eve@example.com",
      name: "Eve",
      role: "executive",
    });
    await deactivateUser(connection.db, adminId, id);
    const [row] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, id));
    expect(row?.active).toBe(false);
    expect(row?.sessionVersion).toBe(2);
    expect(
      await checkCredentials(connection.db, "eve@example.com", oneTimePassword),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("slows down guessing: the sixth try within 15 minutes is refused even with the right password", async () => {
    const { oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "sam@example.com",
      name: "Sam",
      role: "sales_manager",
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        (await checkCredentials(connection.db, "sam@example.com", "wrong")).ok,
      ).toBe(false);
    }
    const refused = await checkCredentials(
      connection.db,
      "sam@example.com",
      oneTimePassword,
    );
    expect(refused).toEqual({ ok: false, reason: "throttled_account" });
    expect(describeSignInRefusal(refused.ok ? "" : refused.reason)).toBe(
      "Too many failed sign-ins for this account. Wait 15 minutes and try again.",
    );
  });

  it("slows down guessing the current password on the Account page as sign-in does, and audits each wrong one", async () => {
    const { id, oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "ana@example.com",
      name: "Ana",
      role: "marketer",
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(
        changeOwnPassword(connection.db, id, {
          current: `guess ${attempt}`,
          next: "a much better passphrase",
        }),
      ).rejects.toThrow("The current password is not right.");
    }

    // The sixth try is refused even with the right password, here and at
    // sign-in, which counts the same failures.
    await expect(
      changeOwnPassword(connection.db, id, {
        current: oneTimePassword,
        next: "a much better passphrase",
      }),
    ).rejects.toThrow(
      "Too many failed sign-ins for this account. Wait 15 minutes and try again.",
    );
    expect(
      await checkCredentials(connection.db, "ana@example.com", oneTimePassword),
    ).toEqual({ ok: false, reason: "throttled_account" });
    const [row] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, id));
    expect(row?.mustChangePassword).toBe(true);
    const entries = await connection.db
      .select({ userId: auditLog.userId, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "sign_in_failed"));
    expect(entries.filter((entry) => entry.userId === id)).toEqual(
      Array.from({ length: 5 }, () => ({
        userId: id,
        details: { during: "password_change" },
      })),
    );
  });

  it("slows down one address guessing across accounts after 20 failures", async () => {
    const { id, oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "ida@example.com",
      name: "Ida",
      role: "marketer",
    });
    // Four tries each on five accounts that do not exist: 20 failures from
    // one address, none of them five on one account.
    for (let account = 0; account < 5; account += 1) {
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await checkCredentials(
          connection.db,
          `nobody${account}@example.com`,
          "guess",
          "203.0.113.7",
        );
      }
    }
    // Ida has no failure of her own: the refusal must not blame her account.
    const refused = await checkCredentials(
      connection.db,
      "ida@example.com",
      oneTimePassword,
      "203.0.113.7",
    );
    expect(refused).toEqual({ ok: false, reason: "throttled_address" });
    expect(describeSignInRefusal(refused.ok ? "" : refused.reason)).toBe(
      "Too many failed sign-ins from your network, whatever the account. Wait 15 minutes and try again.",
    );
    await expect(
      changeOwnPassword(
        connection.db,
        id,
        { current: oneTimePassword, next: "a much better passphrase" },
        "203.0.113.7",
      ),
    ).rejects.toThrow(
      "Too many failed sign-ins from your network, whatever the account.",
    );
    const fromElsewhere = await checkCredentials(
      connection.db,
      "ida@example.com",
      oneTimePassword,
      "198.51.100.2",
    );
    expect(fromElsewhere.ok).toBe(true);
  });

  it("records role changes in the audit log with who and what", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "rob@example.com",
      name: "Rob",
      role: "marketer",
    });
    await changeRole(connection.db, adminId, id, "sales_manager");
    const entries = await connection.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "role_changed"));
    expect(entries.map((entry) => [entry.userId, entry.details])).toEqual([
      [adminId, { userId: id, from: "marketer", to: "sales_manager" }],
    ]);
  });

  it("lets a reactivated user sign in again with their own password and role", async () => {
    const { id, oneTimePassword } = await inviteUser(connection.db, adminId, {
      email: "ray@example.com",
      name: "Ray",
      role: "sales_manager",
    });
    await changeOwnPassword(connection.db, id, {
      current: oneTimePassword,
      next: "ray's own passphrase",
    });
    await deactivateUser(connection.db, adminId, id);

    await reactivateUser(connection.db, adminId, id);

    const result = await checkCredentials(
      connection.db,
      "ray@example.com",
      "ray's own passphrase",
    );
    expect(result).toEqual({
      ok: true,
      user: { id, name: "Ray", role: "sales_manager", sessionVersion: 4 },
    });
    // Version 2 was the session before the deactivation: it stays ended.
    const before = { id, sessionVersion: 2, signedInAt: Date.now() / 1000 };
    expect(await readSessionUser(connection.db, before)).toBeNull();
    const entries = await connection.db
      .select({ userId: auditLog.userId, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "user_reactivated"));
    expect(entries).toEqual([{ userId: adminId, details: { userId: id } }]);
  });

  it("refuses to reactivate an active user, or one that does not exist", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "abe@example.com",
      name: "Abe",
      role: "marketer",
    });

    await expect(reactivateUser(connection.db, adminId, id)).rejects.toThrow(
      "This user is active already.",
    );
    await expect(
      reactivateUser(connection.db, adminId, 999_999),
    ).rejects.toThrow("There is no such user.");
    const [row] = await connection.db
      .select({ sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, id));
    expect(row?.sessionVersion).toBe(1);
  });

  it("resets a password to a one-time one that signs in, must be changed, and ends the old password and sessions", async () => {
    const { id, oneTimePassword: invited } = await inviteUser(
      connection.db,
      adminId,
      { email: "fay@example.com", name: "Fay", role: "marketer" },
    );
    await changeOwnPassword(connection.db, id, {
      current: invited,
      next: "fay's forgotten passphrase",
    });
    const signedIn = await checkCredentials(
      connection.db,
      "fay@example.com",
      "fay's forgotten passphrase",
    );
    if (!signedIn.ok) throw new Error("the sign-in was refused");
    const session = {
      id,
      sessionVersion: signedIn.user.sessionVersion,
      signedInAt: Date.now() / 1000,
    };
    expect((await readSessionUser(connection.db, session))?.role).toBe(
      "marketer",
    );

    const { oneTimePassword } = await resetPassword(connection.db, adminId, id);

    expect(oneTimePassword).not.toBe(invited);
    expect(await readSessionUser(connection.db, session)).toBeNull();
    expect(
      await checkCredentials(
        connection.db,
        "fay@example.com",
        "fay's forgotten passphrase",
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    const again = await checkCredentials(
      connection.db,
      "fay@example.com",
      oneTimePassword,
    );
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const next = {
      id,
      sessionVersion: again.user.sessionVersion,
      signedInAt: Date.now() / 1000,
    };
    expect(await readSessionUser(connection.db, next)).toEqual({
      id,
      name: "Fay",
      role: "marketer",
      mustChangePassword: true,
    });
  });

  it("lets a locked-out user sign in with the password an admin reset", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "lou@example.com",
      name: "Lou",
      role: "executive",
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await checkCredentials(connection.db, "lou@example.com", "guess");
    }

    const { oneTimePassword } = await resetPassword(connection.db, adminId, id);

    expect(
      (
        await checkCredentials(
          connection.db,
          "lou@example.com",
          oneTimePassword,
        )
      ).ok,
    ).toBe(true);
  });

  it("refuses to reset an admin's own password, or a deactivated user's", async () => {
    const [adminBefore] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, adminId));
    await expect(
      resetPassword(connection.db, adminId, adminId),
    ).rejects.toThrow("Change your own password on the Account page.");
    const [adminAfter] = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, adminId));
    expect(adminAfter).toEqual(adminBefore);

    const { id } = await inviteUser(connection.db, adminId, {
      email: "dee@example.com",
      name: "Dee",
      role: "marketer",
    });
    await deactivateUser(connection.db, adminId, id);
    await expect(resetPassword(connection.db, adminId, id)).rejects.toThrow(
      "This user is deactivated. Reactivate them first.",
    );
  });

  it("audits a reset with who and for whom, and never the password", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "pat@example.com",
      name: "Pat",
      role: "marketer",
    });

    const { oneTimePassword } = await resetPassword(connection.db, adminId, id);

    const entries = await connection.db
      .select({ userId: auditLog.userId, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "password_reset"));
    expect(entries.filter((entry) => entry.details?.userId === id)).toEqual([
      { userId: adminId, details: { userId: id } },
    ]);
    const everything = JSON.stringify(
      await connection.db.select().from(auditLog),
    );
    expect(everything).not.toContain(oneTimePassword);
  });

  // A change to a user and its audit entry are one write: with the audit
  // log refusing every row, no change may stay without its entry.
  it("keeps no change to a user whose audit entry could not be written", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "audited@example.com",
      name: "Audited",
      role: "marketer",
    });
    const before = await connection.db
      .select()
      .from(users)
      .where(eq(users.id, id));
    const usersBefore = await connection.db.$count(users);
    await connection.db.execute(sql`create function refuse_audit()
      returns trigger language plpgsql as
      $$ begin raise exception 'audit log unavailable'; end $$`);
    await connection.db.execute(sql`create trigger refuse_audit
      before insert on audit_log for each row execute function refuse_audit()`);
    try {
      const attempts = [
        () => changeRole(connection.db, adminId, id, "executive"),
        () => deactivateUser(connection.db, adminId, id),
        () => resetPassword(connection.db, adminId, id),
        () =>
          inviteUser(connection.db, adminId, {
            email: "unaudited@example.com",
            name: "Unaudited",
            role: "marketer",
          }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toThrow();
    } finally {
      await connection.db.execute(sql`drop trigger refuse_audit on audit_log`);
      await connection.db.execute(sql`drop function refuse_audit`);
    }

    expect(
      await connection.db.select().from(users).where(eq(users.id, id)),
    ).toEqual(before);
    expect(await connection.db.$count(users)).toBe(usersBefore);
  });
});
