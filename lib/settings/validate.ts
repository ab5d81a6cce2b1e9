import { isSupportedCountry } from "libphonenumber-js/max";
import { z } from "zod";
import type { CurrencyRates } from "@/lib/db/schema";
import { isCurrency, isTimeZone, spellTimeZone } from "@/lib/import/values";

/** The editable settings, as the form sends them: every value a string,
 * each currency rate as its own row. */
export type SettingsForm = {
  [name: string]: string | RateRow[] | undefined;
  rates?: RateRow[];
};

export type RateRow = { currency: string; rate: string };

/** A field name of the form with what was wrong with it. */
export type FieldErrors = Record<string, string>;

export type SettingsValidation =
  { ok: true; value: SettingsInput } | { ok: false; fields: FieldErrors };

function wholeNumber(min: number, max: number) {
  const message = `Enter a whole number from ${min} to ${max}.`;

  return z
    .string({ message })
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}

// Lower case is accepted and stored in capitals: `eur` can only mean EUR.
const currencyCode = z
  .string({ message: "Enter a three-letter currency code, such as EUR." })
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => /^[A-Z]{3}$/.test(code) && isCurrency(code), {
    message: "Enter a three-letter currency code, such as EUR.",
  });

const timeZoneMessage = "Enter an IANA time zone, such as Europe/Madrid.";

const timeZoneName = z
  .string({ message: timeZoneMessage })
  .trim()
  .refine(isTimeZone, { message: timeZoneMessage })
  .transform(spellTimeZone);

const rateMessage = "Enter a rate above 0, such as 1.08.";

const rateRow = z.object({
  currency: z.string().trim(),
  rate: z.string().trim(),
});

/**
 * The form's fields, with the bounds of a sensible setting. Windows are
 * at least one day (the duplicate window may be 0: no duplicates); the
 * policy cannot ask for more slots than the organisation defines.
 */
export function settingsSchema(slotCount: number) {
  return z
    .object({
      organisationName: z
        .string({ message: "Enter a name of 1 to 100 characters." })
        .trim()
        .min(1, "Enter a name of 1 to 100 characters.")
        .max(100, "Enter a name of 1 to 100 characters."),
      reportTimezone: timeZoneName,
      organisationTimezone: timeZoneName,
      defaultCountry: z
        .string({ message: "Enter a two-letter country code, such as ES." })
        .trim()
        .transform((code) => code.toUpperCase())
        .refine((code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), {
          message: "Enter a two-letter country code, such as ES.",
        }),
      reportCurrency: currencyCode,
      expectedLifetimeMonths: wholeNumber(1, 600),
      contactWindowDays: wholeNumber(1, 365),
      speedTargetMinutes: wholeNumber(1, 10_080),
      duplicateWindowDays: wholeNumber(0, 365),
      policyCalls: wholeNumber(1, 50),
      policySlots: wholeNumber(1, Math.max(1, slotCount)),
      policyWindowHours: wholeNumber(1, 720),
      callingHoursStart: wholeNumber(0, 24),
      callingHoursEnd: wholeNumber(0, 24),
      maxCallsPerDay: wholeNumber(1, 50),
      recoveryWindowDays: wholeNumber(1, 365),
      minCellAttempts: wholeNumber(1, 100_000),
      contactRateTarget: wholeNumber(0, 100),
    })
    .superRefine((value, context) => {
      if (value.callingHoursStart >= value.callingHoursEnd) {
        context.addIssue({
          code: "custom",
          path: ["callingHoursEnd"],
          message: `Enter an hour after the start (${value.callingHoursStart}), at most 24.`,
        });
      }
    });
}

export type SettingsInput = z.output<ReturnType<typeof settingsSchema>> & {
  currencyRates: CurrencyRates;
};

/**
 * Reads the form into settings, or says for each field what was expected.
 * Rates: a row left empty is dropped, each other row needs a known
 * currency, once, and a rate above 0; the report currency's rate is 1,
 * added when the form leaves it out.
 */
export function validateSettings(
  form: unknown,
  slotCount: number,
): SettingsValidation {
  const parsed = settingsSchema(slotCount).safeParse(form);
  const fields: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path.join(".");
      fields[name] ??= issue.message;
    }
  }
  const rates = readRates(
    ratesOf(form),
    parsed.success ? parsed.data.reportCurrency : undefined,
    fields,
  );
  if (!parsed.success || Object.keys(fields).length > 0) {
    return { ok: false, fields };
  }

  const value = parsed.data;

  return {
    ok: true,
    value: {
      ...value,
      currencyRates: { ...rates, [value.reportCurrency]: 1 },
    },
  };
}

function ratesOf(form: unknown): { currency: string; rate: string }[] {
  const rows = rateRow
    .array()
    .safeParse((form as { rates?: unknown } | null)?.rates);

  return rows.success ? rows.data : [];
}

function readRates(
  rows: { currency: string; rate: string }[],
  reportCurrency: string | undefined,
  fields: FieldErrors,
): CurrencyRates {
  const rates: CurrencyRates = {};
  rows.forEach((row, index) => {
    if (row.currency === "" && row.rate === "") return;
    const currency = currencyCode.safeParse(row.currency);
    if (!currency.success) {
      fields[`rates.${index}.currency`] =
        "Enter a three-letter currency code, such as USD.";
      return;
    }
    if (currency.data in rates) {
      fields[`rates.${index}.currency`] =
        `${currency.data} has a rate already: give each currency one.`;
      return;
    }
    const rate = /^\d{1,9}(\.\d{1,8})?$/.test(row.rate) ? Number(row.rate) : 0;
    if (!(rate > 0)) {
      fields[`rates.${index}.rate`] = rateMessage;
      return;
    }
    if (currency.data === reportCurrency && rate !== 1) {
      fields[`rates.${index}.rate`] =
        `${reportCurrency} is the report currency: enter 1.`;
      return;
    }
    rates[currency.data] = rate;
  });

  return rates;
}
