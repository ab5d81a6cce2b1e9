import { type SQL, sql } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { can, type Role } from "@/lib/auth/roles";

const dot = "•";

/** Who may see phone numbers and e-mail addresses in full. */
export function canSeeContactData(role: Role): boolean {
  return can(role, "viewContactData");
}

/**
 * `+34612345612` → `+34 6•• ••• •12`: the country code, the first national
 * digit and the last two stay, so a person can tell numbers apart without
 * being able to dial them.
 */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed?.nationalNumber ?? e164.replace(/\D/g, "");
  const country = parsed ? `+${parsed.countryCallingCode}` : "";
  if (national.length < 4)
    return `${country} ${dot.repeat(national.length)}`.trim();

  const digits = national
    .split("")
    .map((digit, index) =>
      index === 0 || index >= national.length - 2 ? digit : dot,
    );
  const groups = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)]
    .filter((group) => group.length > 0)
    .map((group) => group.join(""));

  return [country, ...groups].filter(Boolean).join(" ");
}

/** `ana.garcia@example.com` → `a•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return dot.repeat(3);

  return `${email[0]}${dot.repeat(3)}${email.slice(at)}`;
}

export function showPhone(role: Role, e164: string | null): string | null {
  if (e164 === null) return null;

  return canSeeContactData(role) ? e164 : maskPhone(e164);
}

export function showEmail(role: Role, email: string | null): string | null {
  if (email === null) return null;

  return canSeeContactData(role) ? email : maskEmail(email);
}

const phoneDigits = 7;

// A scheme some systems put before a number: `whatsapp:+34…`, `tel:…`.
const schemePrefix = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Whether an external id is a phone number written out: digits with an
 * optional leading +, spaces, dots, dashes, slashes or brackets, at least 7
 * digits, after an optional scheme such as `whatsapp:` or `tel:`. Leads
 * first seen on WhatsApp or in a call log for an unknown number take the
 * number as their id.
 */
export function looksLikePhone(id: string): boolean {
  const number = id.replace(schemePrefix, "");

  return (
    /^\+?[\d\s().\/-]+$/.test(number) &&
    number.replace(/\D/g, "").length >= phoneDigits
  );
}

/** Whether an external id is an e-mail address: some text, an @, more. */
export function looksLikeEmail(id: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(id.trim());
}

// Inside a longer id ("Ana <ana@example.com>", "tel:+34 699 777 888;ext=1",
// "wa-34699555666"): an @ between two runs of text, and seven digits or
// more separated only as a phone's digits are. Ids are read in Unicode's
// compatibility form first, in which full-width digits are digits.
const emailInside = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+/gu;
const phoneInside = new RegExp(
  `\\d(?:[\\s().\\/+-]*\\d){${phoneDigits - 1},}`,
  "gu",
);
// The same, to test: a global expression's test() moves on from its last
// match, so the tests keep their own.
const emailAnywhere = new RegExp(emailInside.source, "u");
const phoneAnywhere = new RegExp(phoneInside.source, "u");

/**
 * Whether an external id holds a phone number or an e-mail address,
 * whole or inside it. Errs on the side of hiding: an id such as
 * `2026-0001234` counts as well.
 */
export function holdsContactData(id: string): boolean {
  const text = id.normalize("NFKC");

  return emailAnywhere.test(text) || phoneAnywhere.test(text);
}

// The same patterns for PostgreSQL's regular expressions, on the id in
// the same compatibility form.
const emailInsidePattern =
  "[^[:space:]@<>()\\[\\]\"',;:]+@[^[:space:]@<>()\\[\\]\"',;:]+";
const phoneInsidePattern = `[0-9]([[:space:]()./+-]*[0-9]){${phoneDigits - 1},}`;

/** The same test in SQL, for a text expression: a search by roles that
 * see masked ids must not match these, or it would confirm what the mask
 * hides. */
export function isContactLikeSql(id: SQL): SQL {
  const text = sql`normalize(${id}, NFKC)`;

  return sql`(${text} ~ ${emailInsidePattern}
    or ${text} ~ ${phoneInsidePattern})`;
}

// Each digit of a number but its first and last two.
function maskDigits(run: string): string {
  const total = run.replace(/\D/g, "").length;
  let seen = 0;

  return run.replace(/\d/g, (digit) => {
    seen += 1;

    return seen === 1 || seen > total - 2 ? digit : dot;
  });
}

/** A lead's external id as the role may see it: masked as a phone or an
 * e-mail address when it is one (a scheme before a number stays), and
 * every number and address inside it masked when it holds one. */
export function showExternalId(role: Role, id: string): string {
  if (canSeeContactData(role)) return id;
  const text = id.normalize("NFKC");
  if (looksLikeEmail(text)) return maskEmail(text.trim());
  if (looksLikePhone(text)) {
    const scheme = schemePrefix.exec(text)?.[0] ?? "";
    // Spaces of any kind out, so that the country code is recognised.
    const number = text.slice(scheme.length).replace(/[^\d+]/g, "");

    return `${scheme}${maskPhone(number)}`;
  }
  if (!holdsContactData(text)) return id;

  return text
    .replace(emailInside, (email) => maskEmail(email))
    .replace(phoneInside, maskDigits);
}
