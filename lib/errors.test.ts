import { describe, expect, it } from "vitest";
import { AppError, describeError } from "./errors";

// A database error as the drivers throw it: the SQLSTATE on the error or
// on the cause Drizzle wraps it in.
function databaseError(code: string, wrapped = false): Error {
  const error = Object.assign(new Error("a query failed"), { code });

  return wrapped ? new Error("wrapped", { cause: error }) : error;
}

describe("describeError", () => {
  it("answers a write that met a concurrent one with 409 and asks to send it again", () => {
    const expected = {
      code: "conflict",
      status: 409,
      message:
        "Another change to the same records was being written at the same time, so nothing of this one was. Please send it again.",
    };

    // A lead deleted meanwhile, a deadlock, a serialization failure.
    expect(describeError(databaseError("23503"))).toEqual(expected);
    expect(describeError(databaseError("40P01", true))).toEqual(expected);
    expect(describeError(databaseError("40001"))).toEqual(expected);
  });

  it("keeps an AppError's own message and hides any other error", () => {
    expect(describeError(new AppError("not_found", "No such lead."))).toEqual({
      code: "not_found",
      status: 404,
      message: "No such lead.",
    });
    // A missing table is our fault, not the caller's.
    expect(describeError(databaseError("42P01"))).toEqual({
      code: "internal",
      status: 500,
      message: "Something went wrong on our side. Please try again.",
    });
  });
});
