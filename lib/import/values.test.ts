import { describe, expect, it } from "vitest";
import {
  isTimeZone,
  parseAmountMinor,
  parseBoolean,
  parseInstant,
  parseLocalDateTime,
} from "./values";

describe("parseInstant", () => {
  it.each([
    ["2026-03-01T09:30:00+01:00", "2026-03-01T08:30:00.000Z"],
    ["2026-03-01T09:30:00+0100", "2026-03-01T08:30:00.000Z"],
    ["2026-03-01 09:30Z", "2026-03-01T09:30:00.000Z"],
    ["2026-03-01T09:30:00.250-05:00", "2026-03-01T14:30:00.250Z"],
  ])("reads %s with its offset", (text, expected) => {
    expect(parseInstant(text, "Europe/Madrid")).toBe(expected);
  });

  it("reads a local time in the zone given, across the change to summer time", () => {
    expect(parseInstant("2026-03-28 12:00", "Europe/Madrid")).toBe(
      "2026-03-28T11:00:00.000Z",
    );
    expect(parseInstant("2026-03-29 12:00:00", "Europe/Madrid")).toBe(
      "2026-03-29T10:00:00.000Z",
    );
  });

  it("refuses dates that do not exist and text that is no instant", () => {
    expect(parseInstant("2026-02-30T09:30:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2026-03-01T24:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2026-03-01", "UTC")).toBeUndefined();
    expect(parseInstant("yesterday", "UTC")).toBeUndefined();
  });
});

describe("parseLocalDateTime", () => {
  it("reads a spreadsheet's year-first slashed date only when asked", () => {
    expect(parseLocalDateTime("2020/2/10 22:41", "Europe/Madrid", true)).toBe(
      "2020-02-10T21:41:00.000Z",
    );
    expect(
      parseLocalDateTime("2020/2/10 22:41", "Europe/Madrid", false),
    ).toBeUndefined();
    expect(
      parseLocalDateTime("10/2/2020 22:41", "Europe/Madrid", true),
    ).toBeUndefined();
  });
});

describe("parseAmountMinor", () => {
  it("counts in the currency's own minor units", () => {
    expect(parseAmountMinor("49.90", "EUR")).toBe(4990);
    expect(parseAmountMinor("49.9", "EUR")).toBe(4990);
    expect(parseAmountMinor("49", "EUR")).toBe(4900);
    expect(parseAmountMinor("5000", "JPY")).toBe(5000);
    expect(parseAmountMinor("1.250", "KWD")).toBe(1250);
  });

  it("refuses more decimals than the currency has, commas and signs", () => {
    expect(parseAmountMinor("49.999", "EUR")).toBeUndefined();
    expect(parseAmountMinor("5000.5", "JPY")).toBeUndefined();
    expect(parseAmountMinor("49,90", "EUR")).toBeUndefined();
    expect(parseAmountMinor("-10", "EUR")).toBeUndefined();
  });
});

describe("parseBoolean and isTimeZone", () => {
  it("reads yes, no, true, false, 1 and 0 in any case", () => {
    expect(
      ["Yes", "TRUE", "1", "no", "False", "0", "maybe"].map(parseBoolean),
    ).toEqual([true, true, true, false, false, false, undefined]);
  });

  it("knows IANA zones and refuses abbreviations", () => {
    expect(
      ["Europe/Madrid", "UTC", "America/Mexico_City", "CET", "Mars/Base"].map(
        isTimeZone,
      ),
    ).toEqual([true, true, true, false, false]);
  });
});
