import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";

export type NormalisedPhone = { e164: string } | { problem: string };

// What people write around the digits: spaces, dots, dashes, slashes,
// brackets, and a `tel:` prefix copied from a link.
const separators = /[\s.\-/()]/g;

/**
 * A phone number as E.164 (`+34612345678`), or the reason it cannot be one.
 * Numbers without an international prefix are read in `defaultCountry`
 * (ISO 3166 alpha-2). Numbers a spreadsheet damaged are flagged, never
 * repaired: a lost leading zero or a lost `00` could be put back, but which
 * one was lost is a guess.
 */
export function normalisePhone(
  raw: string,
  defaultCountry: string,
): NormalisedPhone {
  const written = raw.trim().replace(/^tel:/i, "");
  if (!isSupportedCountry(defaultCountry)) {
    return { problem: `"${defaultCountry}" is not a known country code` };
  }
  const country: CountryCode = defaultCountry;

  const damage = describeSpreadsheetDamage(written);
  if (damage) return { problem: damage };
  if (!/^\+?[\d\s.\-/()]+$/.test(written)) {
    return { problem: "expected digits, spaces and an optional leading +" };
  }

  const parsed = parsePhoneNumberFromString(written, country);
  if (!parsed || !parsed.isValid()) return describeInvalid(written, country);

  return checkWrittenForm(written.replace(separators, ""), parsed, country);
}

function describeSpreadsheetDamage(written: string): string | null {
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(written)) {
    return (
      "the number is in scientific notation: a spreadsheet rounded it " +
      "and its last digits are lost"
    );
  }
  if (/^\d+\.0+$/.test(written)) {
    return "a spreadsheet stored the number as a decimal (ending in .0)";
  }

  return null;
}

function describeInvalid(written: string, country: CountryCode) {
  const digits = written.replace(separators, "");
  const length = validatePhoneNumberLength(written, country);
  if (!digits.startsWith("+")) {
    if (isValidIn(`0${digits}`, country)) {
      return { problem: "the number seems to have lost its leading zero" };
    }
    if (isValidIn(`+${digits}`, country)) {
      return {
        problem:
          "the number seems to have lost its international prefix (+ or 00)",
      };
    }
  }
  if (length === "TOO_SHORT") return { problem: "the number is too short" };
  if (length === "TOO_LONG") return { problem: "the number is too long" };

  return { problem: `not a valid phone number for ${country}` };
}

function isValidIn(candidate: string, country: CountryCode): boolean {
  return parsePhoneNumberFromString(candidate, country)?.isValid() ?? false;
}

// A number without `+` must be written exactly as the country writes it
// nationally, or with an international call prefix (00, 011) in front of its
// country code. libphonenumber also accepts `34612345678` for Spain and
// `612345678` for France; those are what a spreadsheet leaves of
// `0034612345678` and `0612345678`, so they are flagged instead.
function checkWrittenForm(
  digits: string,
  parsed: NonNullable<ReturnType<typeof parsePhoneNumberFromString>>,
  country: CountryCode,
): NormalisedPhone {
  const e164 = { e164: parsed.number };
  if (digits.startsWith("+")) return e164;
  if (parsed.countryCallingCode !== getCountryCallingCode(country)) return e164;

  const national = parsed.formatNational().replace(/\D/g, "");
  if (digits === national) return e164;
  const international = `${parsed.countryCallingCode}${parsed.nationalNumber}`;
  if (digits.length > international.length && digits.endsWith(international)) {
    return e164;
  }
  if (`0${digits}` === national) {
    return { problem: "the number seems to have lost its leading zero" };
  }
  if (digits === international) {
    return {
      problem:
        "the number seems to have lost its international prefix (+ or 00)",
    };
  }

  return { problem: `not written as a phone number of ${country}` };
}
