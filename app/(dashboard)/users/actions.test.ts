import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import type { Connection } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import {
  changeOwnPassword,
  deactivateUser,
  inviteUser,
} from "@/lib/users/manage";
import {
  changeRoleAction,
  deactivateAction,
  reactivateAction,
  resetPasswordAction,
} from "./actions";

// The actions run as they do on the server, but on a test database and
// with the session the test signs in.
const held = vi.hoisted(() => ({
  db: null as Connection["db"] | null,
  user: null as {
    id: string;
    sessionVersion: number;
    signedInAt: number;
  } | null,
}));
vi.mock("@/lib/auth", () => ({ auth: async () => ({ user: held.user }) }));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDb: async () => held.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);

  return data;
}

describe("the Users page's row buttons", () => {
  let connection: Connection;
  let adminId: number;
  beforeAll(async () => {
    connection = await createTestConnection();
    held.db = connection.db;
    await ensureFirstAdmin(connection.db, {
      email: "boss@example.com",
      password: "correct horse battery",
    });
    const [admin] = await connection.db.select().from(users);
    adminId = admin?.id ?? 0;
    held.user = {
      id: String(adminId),
      sessionVersion: 1,
      signedInAt: Date.now() / 1000,
    };
  });
  afterAll(() => connection.close());

  it("answers an admin changing their own role with a message, and keeps the role", async () => {
    const answer = await changeRoleAction(
      { error: null },
      form({ userId: String(adminId), role: "marketer" }),
    );

    expect(answer).toEqual({ error: "You cannot change your own role." });
    const [admin] = await connection.db
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, adminId));
    expect(admin?.role).toBe("admin");
  });

  it("answers an admin deactivating themselves with a message, and stays active", async () => {
    const answer = await deactivateAction(
      { error: null },
      form({ userId: String(adminId) }),
    );

    expect(answer).toEqual({ error: "You cannot deactivate yourself." });
    const [admin] = await connection.db
      .select({ active: users.active })
      .from(users)
      .where(eq(users.id, adminId));
    expect(admin?.active).toBe(true);
  });

  it("answers a form without a user with a message", async () => {
    expect(
      await changeRoleAction({ error: null }, form({ role: "marketer" })),
    ).toEqual({ error: "Pick a user and a role." });
  });

  it("answers an admin resetting their own password with a message, and keeps it", async () => {
    const [before] = await connection.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, adminId));

    const answer = await resetPasswordAction(
      { error: null, oneTimePassword: null },
      form({ userId: String(adminId) }),
    );

    expect(answer).toEqual({
      error: "Change your own password on the Account page.",
      oneTimePassword: null,
    });
    const [after] = await connection.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, adminId));
    expect(after).toEqual(before);
  });

  it("answers a marketer replaying reactivate and reset with a message, and changes nothing", async () => {
    const gone = await inviteUser(connection.db, adminId, {
      email: "gone@example.com",
      name: "Gone",
      role: "executive",
    });
    await deactivateUser(connection.db, adminId, gone.id);
    const here = await inviteUser(connection.db, adminId, {
      email: "here@example.com",
      name: "Here",
      role: "executive",
    });
    const marketer = await inviteUser(connection.db, adminId, {
      email: "mo@example.com",
      name: "Mo",
      role: "marketer",
    });
    // A marketer past the one-time password, so that the role is what
    // refuses them.
    await changeOwnPassword(connection.db, marketer.id, {
      current: marketer.oneTimePassword,
      next: "mo's own passphrase",
    });
    const snapshot = () => connection.db.select().from(users).orderBy(users.id);
    const before = await snapshot();
    held.user = {
      id: String(marketer.id),
      sessionVersion: 2,
      signedInAt: Date.now() / 1000,
    };

    try {
      expect(
        await reactivateAction(
          { error: null },
          form({ userId: String(gone.id) }),
        ),
      ).toEqual({ error: "Your role does not give access to this." });
      expect(
        await resetPasswordAction(
          { error: null, oneTimePassword: null },
          form({ userId: String(here.id) }),
        ),
      ).toEqual({
        error: "Your role does not give access to this.",
        oneTimePassword: null,
      });
    } finally {
      held.user = {
        id: String(adminId),
        sessionVersion: 1,
        signedInAt: Date.now() / 1000,
      };
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers reactivating an active user with a message", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "still@example.com",
      name: "Still",
      role: "marketer",
    });

    expect(
      await reactivateAction({ error: null }, form({ userId: String(id) })),
    ).toEqual({ error: "This user is active already." });
  });

  it("answers a click whose session has ended with a message, changing nothing", async () => {
    const { id } = await inviteUser(connection.db, adminId, {
      email: "ended@example.com",
      name: "Ended",
      role: "marketer",
    });
    const signedIn = held.user;
    held.user = null;
    try {
      expect(
        await deactivateAction({ error: null }, form({ userId: String(id) })),
      ).toEqual({ error: "Please sign in first." });
    } finally {
      held.user = signedIn;
    }
    const [row] = await connection.db
      .select({ active: users.active })
      .from(users)
      .where(eq(users.id, id));

    expect(row?.active).toBe(true);
  });
});
