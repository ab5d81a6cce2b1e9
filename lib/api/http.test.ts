import { describe, expect, it, vi } from "vitest";
import { toErrorResult } from "./http";

describe("toErrorResult", () => {
  it("logs a failed request's kind and SQLSTATE, never the database's message", () => {
    // The production build renames classes: a Drizzle query error arrives
    // as a class named "d", wrapping what the driver threw.
    class d extends Error {}
    const duplicate = Object.assign(
      new Error("Key (phone_e164)=(+34617984724) already exists"),
      { code: "23505" },
    );
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});

    const result = toErrorResult(new d("insert …", { cause: duplicate }));
    const line = String(spy.mock.calls[0]?.[0]);
    spy.mockRestore();

    expect(result.status).toBe(500);
    expect(line).toContain(
      'api: api request failed {"error":{"kind":"database","code":"23505"}}',
    );
    expect(line).not.toContain("34617984724");
  });
});
