import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateKey } from "@/lib/api/http";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertKeyOwner } from "@/lib/testing/api-keys";
import {
  createApiKey,
  findApiKeyCaller,
  listApiKeys,
  revokeApiKey,
} from "./keys";

describe("API keys", () => {
  let connection: Connection;
  let adminId: number;
  beforeAll(async () => {
    connection = await createTestConnection();
    adminId = await insertKeyOwner(connection.db);
  });
  afterAll(() => connection.close());

  it("stores only the SHA-256 of the secret and a short prefix", async () => {
    const { id, secret } = await createApiKey(connection.db, adminId, {
      name: " CRM sync ",
      role: "sales_manager",
    });
    const [row] = await queryRows<{
      name: string;
      prefix: string;
      hash: string;
    }>(
      connection.db,
      sql`select name, prefix, hash from api_keys where id = ${id}`,
    );

    expect(secret).toMatch(/^rb_live_[A-Za-z0-9_-]{43}$/);
    expect(row).toEqual({
      name: "CRM sync",
      prefix: secret.slice(0, 14),
      hash: createHash("sha256").update(secret).digest("hex"),
    });
  });

  it("finds the caller of a valid secret and marks the key used", async () => {
    const { id, secret } = await createApiKey(connection.db, adminId, {
      name: "BI",
      role: "marketer",
    });

    expect(await findApiKeyCaller(connection.db, secret)).toEqual({
      keyId: id,
      name: "BI",
      role: "marketer",
    });
    const listed = (await listApiKeys(connection.db)).find(
      (key) => key.id === id,
    );
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(listed?.createdBy).toBe("Ada");
  });

  it("refuses a revoked key with 401 and records creation and revocation", async () => {
    const { id, secret } = await createApiKey(connection.db, adminId, {
      name: "Old",
      role: "admin",
    });
    await revokeApiKey(connection.db, adminId, id);

    await expect(
      authenticateKey(connection.db, `Bearer ${secret}`, "viewDashboards"),
    ).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    const audit = await queryRows<{ action: string }>(
      connection.db,
      sql`select action from audit_log
      where details->>'keyId' = ${String(id)} order by id`,
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      "api_key_created",
      "api_key_revoked",
    ]);
    await expect(
      revokeApiKey(connection.db, adminId, id),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses an empty name", async () => {
    await expect(
      createApiKey(connection.db, adminId, { name: "  ", role: "admin" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("answers 403 when the key's role lacks the capability", async () => {
    const { secret } = await createApiKey(connection.db, adminId, {
      name: "Exec",
      role: "executive",
    });

    await expect(
      authenticateKey(connection.db, `Bearer ${secret}`, "importData"),
    ).rejects.toMatchObject({ status: 403 });
  });
});
