import { describe, expect, it } from "vitest";
import { validateSettings } from "./validate";

const valid = {
  organisationName: "Acme",
  reportTimezone: "Europe/Madrid",
  organisationTimezone: " america/bogota ",
  defaultCountry: "ES",
  reportCurrency: "EUR",
  rates: [{ currency: "USD", rate: "0.92" }],
  expectedLifetimeMonths: "24",
  contactWindowDays: "7",
  speedTargetMinutes: "5",
  duplicateWindowDays: "30",
  policyCalls: "4",
  policySlots: "3",
  policyWindowHours: "24",
  callingHoursStart: "8",
  callingHoursEnd: "21",
  maxCallsPerDay: "6",
  recoveryWindowDays: "7",
  minCellAttempts: "20",
  contactRateTarget: "40",
};

const fieldsOf = (form: object) => {
  const result = validateSettings(form, 4);

  return result.ok ? {} : result.fields;
};

describe("the settings form's validation", () => {
  it("reads a valid form into numbers, with the report currency's rate of 1", () => {
    expect(validateSettings(valid, 4)).toEqual({
      ok: true,
      value: {
        organisationName: "Acme",
        reportTimezone: "Europe/Madrid",
        organisationTimezone: "America/Bogota",
        defaultCountry: "ES",
        reportCurrency: "EUR",
        currencyRates: { USD: 0.92, EUR: 1 },
        expectedLifetimeMonths: 24,
        contactWindowDays: 7,
        speedTargetMinutes: 5,
        duplicateWindowDays: 30,
        policyCalls: 4,
        policySlots: 3,
        policyWindowHours: 24,
        callingHoursStart: 8,
        callingHoursEnd: 21,
        maxCallsPerDay: 6,
        recoveryWindowDays: 7,
        minCellAttempts: 20,
        contactRateTarget: 40,
      },
    });
  });

  it("stores lower-case currency and country codes in capitals", () => {
    const result = validateSettings(
      {
        ...valid,
        defaultCountry: "pt",
        reportCurrency: "usd",
        rates: [{ currency: "eur", rate: "1.08" }],
      },
      4,
    );

    expect(
      result.ok && [
        result.value.defaultCountry,
        result.value.reportCurrency,
        result.value.currencyRates,
      ],
    ).toEqual(["PT", "USD", { EUR: 1.08, USD: 1 }]);
  });

  it("refuses an unknown time zone, country and currency", () => {
    expect(
      fieldsOf({
        ...valid,
        reportTimezone: "Europe/Atlantis",
        organisationTimezone: "+05:30",
        defaultCountry: "XX",
        reportCurrency: "EURO",
      }),
    ).toEqual({
      reportTimezone: "Enter an IANA time zone, such as Europe/Madrid.",
      organisationTimezone: "Enter an IANA time zone, such as Europe/Madrid.",
      defaultCountry: "Enter a two-letter country code, such as ES.",
      reportCurrency: "Enter a three-letter currency code, such as EUR.",
    });
  });

  it("refuses calling hours that end at or before they start", () => {
    expect(
      fieldsOf({ ...valid, callingHoursStart: "21", callingHoursEnd: "21" }),
    ).toEqual({
      callingHoursEnd: "Enter an hour after the start (21), at most 24.",
    });
    expect(fieldsOf({ ...valid, callingHoursEnd: "25" })).toEqual({
      callingHoursEnd: "Enter a whole number from 0 to 24.",
    });
  });

  it("refuses negative, fractional and empty windows", () => {
    expect(
      fieldsOf({
        ...valid,
        contactWindowDays: "-1",
        recoveryWindowDays: "2.5",
        duplicateWindowDays: "",
        policySlots: "5",
      }),
    ).toEqual({
      contactWindowDays: "Enter a whole number from 1 to 365.",
      recoveryWindowDays: "Enter a whole number from 1 to 365.",
      duplicateWindowDays: "Enter a whole number from 0 to 365.",
      policySlots: "Enter a whole number from 1 to 4.",
    });
  });

  it("refuses a rate of 0 or below, a repeated currency and a report currency rate other than 1", () => {
    expect(
      fieldsOf({
        ...valid,
        rates: [
          { currency: "USD", rate: "0" },
          { currency: "GBP", rate: "-1.2" },
          { currency: "CHF", rate: "0.95" },
          { currency: "chf", rate: "0.96" },
          { currency: "EUR", rate: "2" },
          { currency: "", rate: "" },
        ],
      }),
    ).toEqual({
      "rates.0.rate": "Enter a rate above 0, such as 1.08.",
      "rates.1.rate": "Enter a rate above 0, such as 1.08.",
      "rates.3.currency": "CHF has a rate already: give each currency one.",
      "rates.4.rate": "EUR is the report currency: enter 1.",
    });
  });

  it("names every wrong field at once, rates among them", () => {
    expect(
      fieldsOf({
        ...valid,
        organisationName: "  ",
        rates: [{ currency: "ZZZ", rate: "1" }],
      }),
    ).toEqual({
      organisationName: "Enter a name of 1 to 100 characters.",
      "rates.0.currency": "Enter a three-letter currency code, such as USD.",
    });
  });
});
