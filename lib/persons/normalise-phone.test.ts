import { describe, expect, it } from "vitest";
import { normalisePhone } from "./normalise-phone";

describe("normalisePhone", () => {
  it.each([
    ["+34 612 34 56 78"],
    ["0034612345678"],
    ["612 34 56 78"],
    ["(612) 345-678"],
    ["612.34.56.78"],
    ["tel:+34612345678"],
  ])("reads %s in Spain as +34612345678", (raw) => {
    expect(normalisePhone(raw, "ES")).toEqual({ e164: "+34612345678" });
  });

  it("keeps a number with its own country code whatever the default", () => {
    expect(normalisePhone("+1 (415) 555-2671", "ES")).toEqual({
      e164: "+14155552671",
    });
  });

  it("reads a national number with its trunk zero", () => {
    expect(normalisePhone("07911 123456", "GB")).toEqual({
      e164: "+447911123456",
    });
    expect(normalisePhone("06 12 34 56 78", "FR")).toEqual({
      e164: "+33612345678",
    });
  });

  it("accepts another country's call prefix in front of the country code", () => {
    expect(normalisePhone("011 34 612 345 678", "US")).toEqual({
      e164: "+34612345678",
    });
  });

  it("flags scientific notation instead of guessing the lost digits", () => {
    expect(normalisePhone("3.4612E+10", "ES")).toEqual({
      problem:
        "the number is in scientific notation: a spreadsheet rounded it " +
        "and its last digits are lost",
    });
  });

  it("flags a number a spreadsheet stored as a decimal", () => {
    expect(normalisePhone("612345678.0", "ES")).toEqual({
      problem: "a spreadsheet stored the number as a decimal (ending in .0)",
    });
  });

  it("flags a lost leading zero instead of putting it back", () => {
    expect(normalisePhone("612345678", "FR")).toEqual({
      problem: "the number seems to have lost its leading zero",
    });
    expect(normalisePhone("7911123456", "GB")).toEqual({
      problem: "the number seems to have lost its leading zero",
    });
  });

  it("flags a lost 00 instead of reading the country code into it", () => {
    expect(normalisePhone("34612345678", "ES")).toEqual({
      problem:
        "the number seems to have lost its international prefix (+ or 00)",
    });
  });

  it("flags a number that is too short", () => {
    expect(normalisePhone("12345", "ES")).toEqual({
      problem: "the number is too short",
    });
  });

  it("flags text that is not a phone number", () => {
    expect(normalisePhone("call after 6", "ES")).toEqual({
      problem: "expected digits, spaces and an optional leading +",
    });
  });

  it("flags an unknown default country", () => {
    expect(normalisePhone("612345678", "XX")).toEqual({
      problem: '"XX" is not a known country code',
    });
  });
});
