import { tzOffset } from "@date-fns/tz";
import { getMinorUnitDigits } from "@/lib/metrics/lead-value";

// Cell parsers shared by the presets. Each returns the value, or undefined
// when the text is not what the column expects; empty cells are the
// caller's business.

export const instantExample = "2026-03-01T09:30:00+01:00";

const isoWithOffset =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const localDashed = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
// Year first with any padding, as a spreadsheet re-saves `2020-02-10 22:41:37`.
const localSlashed =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;

type Parts = [number, number, number, number, number, number];

/** What a local time met at a clock change: a time the change skips is
 * moved forward by the gap (02:30 becomes 03:30 when clocks jump from 02:00
 * to 03:00); a time it repeats is read as its first occurrence. */
export type ClockChange = "skipped" | "repeated";

export type LocalInstant = { iso: string; change: ClockChange | null };

/** An ISO 8601 instant with its offset, or a local `YYYY-MM-DD HH:MM[:SS]`
 * read in `timeZone`; as an ISO string in UTC. */
export function parseInstant(text: string, timeZone: string) {
  return readInstant(text, timeZone)?.iso;
}

/** parseInstant, saying whether a local time met a clock change. */
export function readInstant(
  text: string,
  timeZone: string,
): LocalInstant | undefined {
  const withOffset = isoWithOffset.exec(text);
  if (withOffset) {
    const parts = readParts(withOffset);
    const offset = readOffsetMinutes(withOffset[8] ?? "");
    if (!parts || offset === undefined) return undefined;
    const [year, month, day, hour, minute, second] = parts;
    // Digits past the millisecond are dropped, as Date.parse does.
    const fraction = (withOffset[7] ?? "").padEnd(3, "0").slice(0, 3);
    // Already in UTC: the ISO string is the text's own digits, as
    // toISOString would write them (a year from 100 on has four).
    if (offset === 0) {
      const [, y, mo, d, h, mi, sec = "00"] = withOffset;

      return {
        iso: `${y}-${mo}-${d}T${h}:${mi}:${sec}.${fraction}Z`,
        change: null,
      };
    }
    const millis = Number(fraction);
    const ms =
      Date.UTC(year, month - 1, day, hour, minute, second, millis) -
      offset * 60_000;

    return { iso: new Date(ms).toISOString(), change: null };
  }
  const match = localDashed.exec(text);
  const parts = match ? readParts(match) : null;
  if (!parts) return undefined;

  return readLocalParts(parts, timeZone);
}

/** A zone-less timestamp as a PBX writes it, read in `timeZone`. With
 * `slashes`, also the year-first `2020/2/10 22:41` of a re-saved sheet. */
export function parseLocalDateTime(
  text: string,
  timeZone: string,
  slashes: boolean,
): string | undefined {
  const match =
    localDashed.exec(text) ?? (slashes ? localSlashed.exec(text) : null);
  const parts = match ? readParts(match) : null;
  if (!parts) return undefined;

  return readLocalParts(parts, timeZone).iso;
}

export type DateOrder = "dmy" | "mdy";

// `25/03/2026 14:30`, `3/25/2026 2:30 PM`, `25.03.2026 14:30:05`: the day
// and the month in an order the text alone may not settle.
const dayMonthYear =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?$/i;

export type DayMonthText = {
  first: number;
  second: number;
  /** The order the numbers alone settle (a number above 12 is the day),
   * null when both could be the month. */
  settles: DateOrder | null;
  read: (order: DateOrder, timeZone: string) => LocalInstant | undefined;
};

/** A date written with the day and the month as numbers, before the year. */
export function matchDayMonthYear(text: string): DayMonthText | undefined {
  const match = dayMonthYear.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const second = Number(match[3]);
  const hour = readHour(Number(match[5]), match[8]);
  if (hour === undefined) return undefined;
  const rest = [Number(match[4]), Number(match[6]), Number(match[7] ?? 0)];

  return {
    first,
    second,
    settles:
      first > 12 && second <= 12
        ? "dmy"
        : second > 12 && first <= 12
          ? "mdy"
          : null,
    read: (order, timeZone) => {
      const [year = 0, minute = 0, secondOfMinute = 0] = rest;
      const [month, day] = order === "dmy" ? [second, first] : [first, second];
      const parts = checkParts([
        year,
        month,
        day,
        hour,
        minute,
        secondOfMinute,
      ]);

      return parts ? readLocalParts(parts, timeZone) : undefined;
    },
  };
}

function readHour(hour: number, half: string | undefined): number | undefined {
  if (half === undefined) return hour;
  if (hour < 1 || hour > 12) return undefined;
  const morning = half.toLowerCase() === "a";

  return (hour % 12) + (morning ? 0 : 12);
}

function readParts(match: RegExpExecArray): Parts | null {
  const parts: Parts = [
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6] ?? "0"),
  ];

  return checkParts(parts);
}

// `Z`, `+01:00` or `-0530` as minutes east of UTC; undefined past 23:59.
function readOffsetMinutes(text: string): number | undefined {
  if (text === "Z" || text === "z") return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(-2));
  if (hours > 23 || minutes > 59) return undefined;
  const sign = text.startsWith("-") ? -1 : 1;

  return sign * (hours * 60 + minutes);
}

// A real day of a year from 100 on (Date.UTC would read years 0 to 99 as
// 1900 to 1999) and a time of day.
function checkParts(parts: Parts): Parts | null {
  const [year, month, day, hour, minute, second] = parts;
  const valid =
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;

  return valid ? parts : null;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

  return month === 2 && leap ? 29 : (monthDays[month - 1] ?? 0);
}

const dayMs = 86_400_000;

// The wall-clock time in `timeZone`: each offset in force a day before or a
// day after is tried, and kept when the instant it gives reads back as the
// same wall time. None fits inside a gap (the offset before the change then
// moves the time forward by the gap); two fit in a repeated hour (the
// earlier instant is the first occurrence).
function readLocalParts(parts: Parts, timeZone: string): LocalInstant {
  const [year, month, day, hour, minute, second] = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = tzOffset(timeZone, new Date(wall - dayMs));
  const after = tzOffset(timeZone, new Date(wall + dayMs));
  const fits = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter(
      (epoch) => wall - tzOffset(timeZone, new Date(epoch)) * 60_000 === epoch,
    )
    .sort((a, b) => a - b);
  const [first] = fits;
  if (first === undefined) {
    return {
      iso: new Date(wall - before * 60_000).toISOString(),
      change: "skipped",
    };
  }

  return {
    iso: new Date(first).toISOString(),
    change: fits.length > 1 ? "repeated" : null,
  };
}

// Building an Intl formatter costs tens of microseconds: a file names few
// zones and currencies, so the answers are kept (up to a bound, in case a
// file holds thousands of different wrong names).
const knownZones = new Map<string, boolean>();
const cacheLimit = 1_000;

/**
 * A time zone as a lead file may name it: an IANA name, or a fixed offset
 * (`+01:00`, `UTC+5`, `GMT-03:00`) as its `Etc/GMT` name, which both the
 * browser and PostgreSQL read the same way. Offsets that are not whole
 * hours have no such name and are refused: the file must give the IANA
 * zone (`Asia/Kolkata` for +05:30).
 */
export function readTimeZone(text: string): string | undefined {
  if (isTimeZone(text)) return spellTimeZone(text);
  const offset = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(
    text.trim(),
  );
  if (!offset) return undefined;
  const hours = Number(offset[2]);
  const minutes = Number(offset[3] ?? 0);
  if (minutes !== 0 || hours > 14) return undefined;
  if (hours === 0) return "UTC";

  // Etc/GMT names count the other way: Etc/GMT-1 is one hour ahead of UTC.
  const name = `Etc/GMT${offset[1] === "+" ? "-" : "+"}${hours}`;

  return isTimeZone(name) ? name : undefined;
}

// Zone names in their usual spelling, by their lower case: a file's
// "europe/madrid" is stored as Europe/Madrid, so that one zone is not
// listed under two names.
let zoneSpellings: Map<string, string> | null = null;

/** A known zone name as the time zone database spells it (europe/madrid →
 * Europe/Madrid); any other name as written. */
export function spellTimeZone(name: string): string {
  zoneSpellings ??= new Map(
    [...Intl.supportedValuesOf("timeZone"), "UTC"].map((zone) => [
      zone.toLowerCase(),
      zone,
    ]),
  );

  return zoneSpellings.get(name.toLowerCase()) ?? name;
}

export function isTimeZone(name: string): boolean {
  const known = knownZones.get(name);
  if (known !== undefined) return known;
  const valid = checkTimeZone(name);
  if (knownZones.size < cacheLimit) knownZones.set(name, valid);

  return valid;
}

// Names that the time zone database dropped (in 2017 and 2020) and that
// PostgreSQL, server and embedded alike, no longer knows, while Node's
// copy of ICU still takes them: a lead stored with one would break every
// query that converts its times.
const droppedZones = new Set(["us/pacific-new", "canada/east-saskatchewan"]);

function checkTimeZone(name: string): boolean {
  if (!name.includes("/") && name !== "UTC") return false;
  if (droppedZones.has(name.toLowerCase())) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });

    return true;
  } catch {
    return false;
  }
}

const truthy = new Set(["yes", "true", "1", "y"]);
const falsy = new Set(["no", "false", "0", "n"]);

/** yes/no/true/false/1/0 in any case. */
export function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (truthy.has(lower)) return true;
  if (falsy.has(lower)) return false;

  return undefined;
}

export function parseNonNegativeInteger(text: string): number | undefined {
  if (!/^\d{1,9}$/.test(text)) return undefined;

  return Number.parseInt(text, 10);
}

const currencies = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return currencies.has(code);
}

export function parseAmountMinor(
  text: string,
  currency: string,
): number | undefined {
  const number = stripCurrency(text.trim(), currency);
  if (number === undefined) return undefined;
  // ISO 4217's minor units, as the figures convert with: Intl's currency
  // formats give some currencies fewer (HUF, COP, IDR: 0), and an amount
  // read with them would be a hundred times too small in every figure.
  const digits = getMinorUnitDigits(currency);
  const split = splitDecimal(
    number.replace(/[\s\u00a0\u202f']/g, (space) =>
      space === "'" ? "'" : " ",
    ),
    digits,
  );
  if (!split) return undefined;
  const [whole, fraction] = split;
  if (!/^\d{1,13}$/.test(whole) || fraction.length > digits) return undefined;

  return Number.parseInt(`${whole}${fraction.padEnd(digits, "0")}`, 10);
}

// The whole and fractional digits, thousands separators removed.
function splitDecimal(
  text: string,
  digits: number,
): [string, string] | undefined {
  const lastPoint = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  const marks = (text.match(/[.,]/g) ?? []).length;
  let decimal: string | null = null;
  if (lastPoint >= 0 && lastComma >= 0)
    decimal = lastPoint > lastComma ? "." : ",";
  else if (marks === 1) {
    const mark = lastPoint >= 0 ? "." : ",";
    const after = text.length - text.indexOf(mark) - 1;
    decimal = after === 3 && digits !== 3 ? null : mark;
  }
  const [whole = "", fraction = ""] =
    decimal === null ? [text] : text.split(decimal);
  if (decimal !== null && text.split(decimal).length > 2) return undefined;
  if (!/^\d*$/.test(fraction)) return undefined;
  if (/^\d+$/.test(whole)) return [whole, fraction];
  // Thousands: groups of three after a first group of one to three digits.
  const grouped = /^[1-9]\d{0,2}(?:([., ']))\d{3}(?:\1\d{3})*$/.exec(whole);
  if (!grouped || grouped[1] === decimal) return undefined;

  return [whole.replace(/[., ']/g, ""), fraction];
}

function stripCurrency(text: string, currency: string): string | undefined {
  const match =
    /^([^\d\s.,']*)\s*([\d.,'\s\u00a0\u202f]*?\d)\s*([^\d\s.,']*)$/.exec(text);
  if (!match) return undefined;
  const marks = [match[1] ?? "", match[3] ?? ""].filter((mark) => mark !== "");
  if (marks.length > 1) return undefined;
  const [mark] = marks;
  if (mark !== undefined && !isCurrencyMark(mark, currency)) return undefined;

  return match[2];
}

function isCurrencyMark(mark: string, currency: string): boolean {
  if (mark.toUpperCase() === currency) return true;

  return ["symbol", "narrowSymbol"].some((display) => {
    const part = new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      currencyDisplay: display as "symbol" | "narrowSymbol",
    })
      .formatToParts(0)
      .find((item) => item.type === "currency");

    return part?.value === mark;
  });
}

// Deliberately loose: one @, something before it, a dot in the domain. The
// sender's system checked the address; this only keeps placeholders such as
// `n/a` from grouping unrelated leads into one person.
export function isEmailAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
