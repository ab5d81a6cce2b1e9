import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import type { Connection } from "@/lib/db";
import { signInFailures } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { checkCredentials } from "./sign-in";

describe("checkCredentials under parallel tries", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await ensureFirstAdmin(connection.db, {
      email: "boss@example.com",
      password: "correct horse battery",
    });
  });
  afterAll(() => connection.close());

  it("checks exactly five of twelve simultaneous wrong passwords", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        checkCredentials(
          connection.db,
          "Boss@Example.com",
          `wrong ${index}`,
          `198.51.100.${index}`,
        ),
      ),
    );

    // 5 reach the password check, 12 - 5 = 7 are refused unchecked.
    const reasons = results.map((result) => (result.ok ? "ok" : result.reason));
    expect(reasons.filter((reason) => reason === "invalid")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "throttled")).toHaveLength(7);
    const failures = await connection.db.select().from(signInFailures);
    expect(failures).toHaveLength(5);
  });
});
