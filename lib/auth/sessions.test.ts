import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { ensureFirstAdmin } from "./bootstrap";
import { endSessions, readSessionUser } from "./sessions";
import { checkCredentials } from "./sign-in";

describe("signing out", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await ensureFirstAdmin(connection.db, {
      email: "boss@example.com",
      password: "correct horse battery",
    });
  });
  afterAll(() => connection.close());

  async function signIn() {
    const result = await checkCredentials(
      connection.db,
      "boss@example.com",
      "correct horse battery",
    );
    if (!result.ok) throw new Error("the sign-in was refused");

    return {
      id: result.user.id,
      sessionVersion: result.user.sessionVersion,
      signedInAt: Math.floor(Date.now() / 1000),
    };
  }

  it("ends the session on the server, so a copy of its cookie stops working", async () => {
    const session = await signIn();
    const copied = { ...session };
    expect(await readSessionUser(connection.db, copied)).toEqual({
      id: session.id,
      name: "Administrator",
      role: "admin",
      mustChangePassword: false,
    });

    await endSessions(connection.db, session.id);

    expect(await readSessionUser(connection.db, session)).toBeNull();
    expect(await readSessionUser(connection.db, copied)).toBeNull();
    const entries = await connection.db
      .select({ userId: auditLog.userId })
      .from(auditLog)
      .where(eq(auditLog.action, "sign_out"));
    expect(entries).toEqual([{ userId: session.id }]);
  });

  it("ends the account's sessions on other devices too, and lets it sign in again", async () => {
    const laptop = await signIn();
    const phone = await signIn();
    await endSessions(connection.db, phone.id);

    expect(await readSessionUser(connection.db, laptop)).toBeNull();
    const again = await signIn();
    expect(again.sessionVersion).toBe(laptop.sessionVersion + 1);
    expect((await readSessionUser(connection.db, again))?.role).toBe("admin");
  });

  it("ends a session 8 hours after its sign-in, however often it was used", async () => {
    const session = await signIn();
    const hour = 60 * 60;

    const almost = {
      ...session,
      signedInAt: session.signedInAt - 8 * hour + 60,
    };
    expect((await readSessionUser(connection.db, almost))?.role).toBe("admin");
    const over = { ...session, signedInAt: session.signedInAt - 8 * hour };
    expect(await readSessionUser(connection.db, over)).toBeNull();
    const untimed = { ...session, signedInAt: Number.NaN };
    expect(await readSessionUser(connection.db, untimed)).toBeNull();
  });
});
