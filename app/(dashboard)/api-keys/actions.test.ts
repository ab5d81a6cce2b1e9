import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import type { Connection } from "@/lib/db";
import { apiKeys, users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { insertKeyOwner } from "@/lib/testing/api-keys";
import { revokeKeyAction } from "./actions";

// The action runs as it does on the server, but on a test database and
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

describe("revoking an API key", () => {
  let connection: Connection;
  let keyId: number;
  beforeAll(async () => {
    connection = await createTestConnection();
    held.db = connection.db;
    const ownerId = await insertKeyOwner(connection.db);
    await createApiKey(connection.db, ownerId, {
      name: "Importer",
      role: "admin",
    });
    const [key] = await connection.db.select().from(apiKeys);
    keyId = key?.id ?? 0;
  });
  afterAll(() => connection.close());

  async function revokeAs(role: "marketer" | "admin") {
    const [user] = await connection.db
      .insert(users)
      .values({
        email: `${role}-${Date.now()}@example.test`,
        name: role,
        role,
        passwordHash: "x",
      })
      .returning({ id: users.id });
    held.user = {
      id: String(user?.id),
      sessionVersion: 1,
      signedInAt: Date.now() / 1000,
    };
    const form = new FormData();
    form.set("keyId", String(keyId));

    return revokeKeyAction({ error: null }, form);
  }

  it("answers a marketer who replays the button with a message, and the key stays active", async () => {
    expect(await revokeAs("marketer")).toEqual({
      error: "Your role does not give access to this.",
    });
    const [key] = await connection.db.select().from(apiKeys);
    expect(key?.revokedAt).toBeNull();
  });

  it("answers a second revoke of the same key with a message", async () => {
    expect(await revokeAs("admin")).toEqual({ error: null });
    expect(await revokeAs("admin")).toEqual({
      error: "There is no active key with this id.",
    });
  });
});
