import { tzOffset } from "@date-fns/tz";

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

/** An ISO 8601 instant with its offset, or a local `YYYY-MM-DD HH:MM[:SS]`
 * read in `timeZone`; as an ISO string in UTC. */
export function parseInstant(text: string, timeZone: string) {
  const withOffset = isoWithOffset.exec(text);
  if (withOffset) {
    const parts = readParts(withOffset);
    const normalised = text
      .replace(" ", "T")
      .replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const ms = Date.parse(normalised);
    if (!parts || Number.isNaN(ms)) return undefined;

    return new Date(ms).toISOString();
  }

  return parseLocalDateTime(text, timeZone, false);
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

  return new Date(localToEpoch(parts, timeZone)).toISOString();
}

function readParts(match: RegExpExecArray): Parts | null {
  const parts = [1, 2, 3, 4, 5, 6].map((index) =>
    Number.parseInt(match[index] ?? "0", 10),
  ) as Parts;
  const [year, month, day, hour, minute, second] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  const sameDay =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!sameDay || hour > 23 || minute > 59 || second > 59) return null;

  return parts;
}

// The wall-clock time in `timeZone` as epoch milliseconds: the offset is
// looked up at the guess and again at the result, which settles on the
// offset in force at that instant. A time inside a spring-forward gap
// lands an hour later, as PostgreSQL does.
function localToEpoch(parts: Parts, timeZone: string): number {
  const [year, month, day, hour, minute, second] = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = tzOffset(timeZone, new Date(wall));
  const guess = wall - first * 60_000;
  const second_ = tzOffset(timeZone, new Date(guess));

  return second_ === first ? guess : wall - second_ * 60_000;
}

// Building an Intl formatter costs tens of microseconds: a file names few
// zones and currencies, so the answers are kept (up to a bound, in case a
// file holds thousands of different wrong names).
const knownZones = new Map<string, boolean>();
const cacheLimit = 1_000;

export function isTimeZone(name: string): boolean {
  const known = knownZones.get(name);
  if (known !== undefined) return known;
  const valid = checkTimeZone(name);
  if (knownZones.size < cacheLimit) knownZones.set(name, valid);

  return valid;
}

function checkTimeZone(name: string): boolean {
  if (!name.includes("/") && name !== "UTC") return false;
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

const minorDigits = new Map<string, number>();

/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0). */
export function getMinorDigits(currency: string): number {
  const known = minorDigits.get(currency);
  if (known !== undefined) return known;
  const digits =
    new Intl.NumberFormat("en", {
      style: "currency",
      currency,
    }).resolvedOptions().maximumFractionDigits ?? 2;
  if (minorDigits.size < cacheLimit) minorDigits.set(currency, digits);

  return digits;
}

/** A non-negative decimal with a point (`49.90`) in integer minor units of
 * `currency`; undefined when it has more decimals than the currency has. */
export function parseAmountMinor(
  text: string,
  currency: string,
): number | undefined {
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const digits = getMinorDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return undefined;

  return Number.parseInt(`${match[1]}${fraction.padEnd(digits, "0")}`, 10);
}

// Deliberately loose: one @, something before it, a dot in the domain. The
// sender's system checked the address; this only keeps placeholders such as
// `n/a` from grouping unrelated leads into one person.
export function isEmailAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
