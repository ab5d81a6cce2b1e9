import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import type { Connection } from "@/lib/db";
import { signInFailures, users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { verifyPassword } from "./password";
import { checkCredentials, describeSignInRefusal } from "./sign-in";

// The real check, watched: which hash each sign-in compared against.
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./password")>();

  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

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
    expect(
      reasons.filter((reason) => reason === "throttled_account"),
    ).toHaveLength(7);
    const failures = await connection.db.select().from(signInFailures);
    expect(failures).toHaveLength(5);
  });
});

describe("checkCredentials for an account that cannot sign in", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await ensureFirstAdmin(connection.db, {
      email: "boss@example.com",
      password: "correct horse battery",
    });
  });
  afterAll(() => connection.close());

  // Skipping scrypt answered an unknown address in ~12 ms instead of ~55.
  it("spends a password check on an unknown address, as on a known one", async () => {
    vi.mocked(verifyPassword).mockClear();
    const result = await checkCredentials(
      connection.db,
      "nobody@example.com",
      "correct horse battery",
    );

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    const [password, hash] = vi.mocked(verifyPassword).mock.calls[0] ?? [];
    expect(password).toBe("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await vi.mocked(verifyPassword).mock.results[0]?.value).toBe(false);
  });

  it("spends a password check on a deactivated account and still refuses it", async () => {
    await connection.db
      .update(users)
      .set({ active: false })
      .where(eq(users.email, "boss@example.com"));
    vi.mocked(verifyPassword).mockClear();
    const result = await checkCredentials(
      connection.db,
      "boss@example.com",
      "correct horse battery",
    );

    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
  });
});

describe("describeSignInRefusal", () => {
  it("reads any other code as a wrong e-mail or password", () => {
    for (const code of [undefined, "credentials", "constructor"]) {
      expect(describeSignInRefusal(code)).toBe(
        "The e-mail address or the password is not right.",
      );
    }
  });
});
