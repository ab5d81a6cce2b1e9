import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { getMinorUnitDigits } from "@/lib/metrics/lead-value";
import {
  isTimeZone,
  matchDayMonthYear,
  parseAmountMinor,
  parseBoolean,
  parseInstant,
  parseLocalDateTime,
  readInstant,
  readTimeZone,
} from "./values";

describe("parseInstant", () => {
  it.each([
    ["2026-03-01T09:30:00+01:00", "2026-03-01T08:30:00.000Z"],
    ["2026-03-01T09:30:00+0100", "2026-03-01T08:30:00.000Z"],
    ["2026-03-01 09:30Z", "2026-03-01T09:30:00.000Z"],
    ["2026-03-01T09:30:00.250-05:00", "2026-03-01T14:30:00.250Z"],
    ["2026-03-01t09:30:05.5z", "2026-03-01T09:30:05.500Z"],
    ["2026-03-01T09:30:05.123456+00:00", "2026-03-01T09:30:05.123Z"],
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

  it("knows the length of each month, leap years and the years before 100", () => {
    // 2024 is a leap year; 1900 is not (divisible by 100), 2000 is (by 400).
    expect(parseInstant("2024-02-29T10:00:00Z", "UTC")).toBe(
      "2024-02-29T10:00:00.000Z",
    );
    expect(parseInstant("2026-02-29T10:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("1900-02-29T10:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2000-02-29T10:00:00Z", "UTC")).toBe(
      "2000-02-29T10:00:00.000Z",
    );
    expect(parseInstant("2026-04-30T10:00:00Z", "UTC")).toBe(
      "2026-04-30T10:00:00.000Z",
    );
    expect(parseInstant("2026-04-31T10:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2026-12-31T23:59:59Z", "UTC")).toBe(
      "2026-12-31T23:59:59.000Z",
    );
    expect(parseInstant("2026-13-01T10:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2026-00-10T10:00:00Z", "UTC")).toBeUndefined();
    expect(parseInstant("2026-01-00T10:00:00Z", "UTC")).toBeUndefined();
    // A four-digit year below 100 is refused rather than read as 19xx.
    expect(parseInstant("0026-01-10T10:00:00Z", "UTC")).toBeUndefined();
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

  it("counts in ISO 4217's minor units, as the figures convert, where Intl's formats show fewer", () => {
    // ISO 4217: the forint, the Colombian peso and the rupiah have two
    // decimals, the Iraqi dinar three; Intl formats them with none.
    expect(parseAmountMinor("35000", "HUF")).toBe(3500000);
    expect(parseAmountMinor("150000.50", "COP")).toBe(15000050);
    expect(parseAmountMinor("2.125", "IQD")).toBe(2125);
    expect(getMinorUnitDigits("HUF")).toBe(2);
  });

  it("refuses more decimals than the currency has, and signs", () => {
    expect(parseAmountMinor("49.9999", "EUR")).toBeUndefined();
    expect(parseAmountMinor("5000.5", "JPY")).toBeUndefined();
    expect(parseAmountMinor("-10", "EUR")).toBeUndefined();
    expect(parseAmountMinor("ten", "EUR")).toBeUndefined();
  });

  it.each([
    ["49,90", 4990],
    ["1.234,56", 123456],
    ["1,234.56", 123456],
    ["1 234,56", 123456],
    ["1.234.567", 123456700],
    ["1,200", 120000],
    ["€ 49,90", 4990],
    ["49,90 €", 4990],
    ["49.90 EUR", 4990],
    ["eur 12", 1200],
  ])("reads %s in EUR as %i cents", (text, minor) => {
    expect(parseAmountMinor(text, "EUR")).toBe(minor);
  });

  it("reads dollars with their symbol and refuses another currency's mark", () => {
    expect(parseAmountMinor("$1,200.00", "USD")).toBe(120000);
    expect(parseAmountMinor("$1,200.00", "EUR")).toBeUndefined();
    expect(parseAmountMinor("49.90 USD", "EUR")).toBeUndefined();
    expect(parseAmountMinor("1,2,3", "EUR")).toBeUndefined();
    expect(parseAmountMinor("1.234,5.6", "EUR")).toBeUndefined();
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

  it("refuses the zones the time zone database dropped, which Node still takes", () => {
    expect(
      ["US/Pacific-New", "canada/east-saskatchewan", "US/Pacific"].map(
        isTimeZone,
      ),
    ).toEqual([false, false, true]);
  });
});

describe("zones on the database", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  // Every zone a file may name must convert in SQL, or the import (or a
  // page, later) fails without naming the row.
  it("converts times in every zone that Node lists and a file may name", async () => {
    const zones = Intl.supportedValuesOf("timeZone").filter(isTimeZone);
    const unknown = await queryRows<{ zone: string }>(
      connection.db,
      sql`select zone from unnest(${`{${zones.join(",")}}`}::text[]) zone
      where not exists (
        select 1 from pg_timezone_names n where lower(n.name) = lower(zone))`,
    );

    expect(zones.length).toBeGreaterThan(400);
    expect(unknown).toEqual([]);
  });
});

describe("local times at a clock change", () => {
  it("moves a time the spring change skips forward by the gap", () => {
    expect(readInstant("2026-03-29 02:30", "Europe/Madrid")).toEqual({
      iso: "2026-03-29T01:30:00.000Z",
      change: "skipped",
    });
  });

  it("reads a time the autumn change repeats as its first occurrence", () => {
    expect(readInstant("2026-10-25 02:30", "Europe/Madrid")).toEqual({
      iso: "2026-10-25T00:30:00.000Z",
      change: "repeated",
    });
    expect(readInstant("2026-10-25 03:30", "Europe/Madrid")).toEqual({
      iso: "2026-10-25T02:30:00.000Z",
      change: null,
    });
  });
});

describe("matchDayMonthYear", () => {
  it("says which order a day above 12 settles, and none when both fit", () => {
    expect(matchDayMonthYear("25/03/2026 14:30")?.settles).toBe("dmy");
    expect(matchDayMonthYear("3/25/2026 2:30 PM")?.settles).toBe("mdy");
    expect(matchDayMonthYear("03.04.2026 09:00")?.settles).toBeNull();
    expect(matchDayMonthYear("2026-03-04 09:00")).toBeUndefined();
  });

  it("reads either order, with a 12-hour clock", () => {
    const date = matchDayMonthYear("03/04/2026 12:15 am");

    expect(date?.read("dmy", "UTC")?.iso).toBe("2026-04-03T00:15:00.000Z");
    expect(date?.read("mdy", "UTC")?.iso).toBe("2026-03-04T00:15:00.000Z");
    expect(matchDayMonthYear("31/02/2026 10:00")?.read("dmy", "UTC")).toBe(
      undefined,
    );
  });
});

describe("readTimeZone", () => {
  it("spells a zone written in another case as the zone database does", () => {
    expect(
      [
        "europe/madrid",
        "AMERICA/NEW_YORK",
        "atlantic/canary",
        "US/Eastern",
      ].map(readTimeZone),
    ).toEqual([
      "Europe/Madrid",
      "America/New_York",
      "Atlantic/Canary",
      "US/Eastern",
    ]);
  });

  it("keeps IANA names and turns whole-hour offsets into Etc zones", () => {
    expect(
      ["Europe/Madrid", "+01:00", "UTC+5", "GMT-03:00", "+00:00", "-0800"].map(
        readTimeZone,
      ),
    ).toEqual([
      "Europe/Madrid",
      "Etc/GMT-1",
      "Etc/GMT-5",
      "Etc/GMT+3",
      "UTC",
      "Etc/GMT+8",
    ]);
  });

  it("refuses offsets that are not whole hours and abbreviations", () => {
    expect(["UTC+5:30", "+05:45", "CET", "+15:00"].map(readTimeZone)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
