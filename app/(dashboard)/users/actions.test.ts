import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import type { Connection } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { changeRoleAction, deactivateAction } from "./actions";

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
});
