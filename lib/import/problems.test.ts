import { describe, expect, it } from "vitest";
import { formatProblem, quoteValue } from "./problems";

describe("quoteValue", () => {
  it("describes a value that looks like a phone number instead of quoting it", () => {
    for (const value of [
      "+34600111222",
      "+34 600 11 12 22",
      "(555) 123-4567",
      "0034.600.111.222",
      "tel:600111222",
      "+1 555 123 4567 ext 12",
    ])
      expect(quoteValue(value)).toBe("a value that looks like a phone number");
  });

  it("describes anything with an @ and a dot after it as an e-mail address", () => {
    for (const value of [
      "someone@example.com",
      " Ana <ana@example.com>",
      "a@b.c and more",
    ])
      expect(quoteValue(value)).toBe(
        "a value that looks like an e-mail address",
      );
  });

  it("quotes dates, times, short numbers and words", () => {
    for (const value of [
      "2026-11-10",
      "2026-11-10 10:00",
      "03/04/2026 09:00",
      "25.03.2026",
      "Wed, 25 Mar 2026 14:30:05 +0000",
      "600111",
      "yesterday",
      "user@localhost",
      "Invoice 1234567 of March and April",
    ])
      expect(quoteValue(value)).toBe(`"${value}"`);
  });
});

describe("formatProblem", () => {
  it("names what a shifted phone or e-mail looks like, never the value", () => {
    expect(
      formatProblem("Leads.csv", 2, {
        column: "created_at",
        reason: "expected an instant",
        got: "+34600111222",
      }),
    ).toBe(
      'Leads.csv row 2, column "created_at": expected an instant, got a value that looks like a phone number',
    );
  });
});
