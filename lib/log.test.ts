import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { AppError, describeErrorForLog } from "@/lib/errors";
import { createLogger, toLoggedFields } from "./log";

describe("logging a failed query", () => {
  let connection: Connection;
  let failure: unknown;

  beforeAll(async () => {
    connection = await createTestConnection();
    // A phone number is too large for an integer: the database's message
    // ('value "+34617984724" is out of range for type integer') and the
    // failed query's parameters both quote it.
    failure = await queryRows(
      connection.db,
      sql`select ${"+34617984724"}::int as n`,
    ).catch((caught: unknown) => caught);
  });
  afterAll(() => connection.close());

  it("keeps the error's kind and SQLSTATE, not its query or parameters", () => {
    const logged = describeErrorForLog(failure);

    expect(failure).toBeInstanceOf(Error);
    // 22003: numeric value out of range.
    expect(logged).toEqual({ kind: "database", code: "22003" });
    expect(JSON.stringify(logged)).not.toContain("34617984724");
  });

  it("writes a line that carries neither the number nor the query", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    createLogger("test").error("export failed", {
      error: failure,
      parameters: ["+34617984724"],
      rows: 3,
    });
    const line = String(spy.mock.calls[0]?.[0]);
    spy.mockRestore();

    expect(line).toContain('"rows":3');
    expect(line).toContain('"code":"22003"');
    expect(line).not.toContain("34617984724");
    expect(line).not.toMatch(/select/i);
  });

  it("keeps the message of an AppError, which names no personal data", () => {
    expect(
      toLoggedFields({ error: new AppError("not_found", "No such lead.") }),
    ).toEqual({
      error: { kind: "app", code: "not_found", message: "No such lead." },
    });
  });

  it("names the kind of an error whose class the production build renamed", () => {
    // What the minifier leaves of a query error class, wrapping what the
    // driver threw.
    class d extends Error {}
    const refused = Object.assign(new Error("connect ECONNREFUSED"), {
      code: "ECONNREFUSED",
    });
    const unique = Object.assign(new Error("Key (phone)=(+34617984724)"), {
      code: "23505",
    });

    expect(
      toLoggedFields({
        failed: new d("insert …", { cause: unique }),
        unreachable: new d("failed", { cause: refused }),
        typeError: new TypeError("x is not a function"),
        other: Object.assign(new d("failed"), { name: "d" }),
      }),
    ).toEqual({
      failed: { kind: "database", code: "23505" },
      unreachable: { kind: "system", code: "ECONNREFUSED" },
      typeError: { kind: "TypeError" },
      other: { kind: "other" },
    });
  });
});
