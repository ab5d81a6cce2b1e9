"use client";

import { useActionState } from "react";
import type { SettingsForm as SettingsValues } from "@/lib/settings/validate";
import { saveSettingsAction } from "../actions";
import { SaveFooter, idleForm, inputClass as input } from "./save-footer";

const idle = idleForm<SettingsValues>();

type FieldSpec = { name: string; label: string; hint?: string };

const organisationFields: FieldSpec[] = [
  { name: "organisationName", label: "Organisation name" },
  {
    name: "reportTimezone",
    label: "Report time zone",
    hint: "IANA name, such as Europe/Madrid: the zone of the report's days.",
  },
  {
    name: "organisationTimezone",
    label: "Organisation time zone",
    hint: "IANA name: the zone of leads imported without one, in later imports.",
  },
  {
    name: "defaultCountry",
    label: "Default country",
    hint: "Two letters, such as ES: read for phone numbers without a prefix in later imports.",
  },
  {
    name: "reportCurrency",
    label: "Report currency",
    hint: "Three letters, such as EUR.",
  },
  { name: "expectedLifetimeMonths", label: "Expected lifetime (months)" },
];

const contactFields: FieldSpec[] = [
  { name: "contactWindowDays", label: "Contact window (days)" },
  { name: "speedTargetMinutes", label: "Speed target (minutes)" },
  {
    name: "duplicateWindowDays",
    label: "Duplicate window (days)",
    hint: "0 counts no lead as a duplicate.",
  },
  { name: "policyCalls", label: "Policy calls" },
  { name: "policySlots", label: "Policy slots" },
  { name: "policyWindowHours", label: "Policy window (hours)" },
  { name: "callingHoursStart", label: "Calling hours start (0–24)" },
  { name: "callingHoursEnd", label: "Calling hours end (0–24)" },
  { name: "maxCallsPerDay", label: "Daily maximum of calls" },
  { name: "recoveryWindowDays", label: "Recovery window (days)" },
  {
    name: "minCellAttempts",
    label: "Minimum attempts per heatmap cell",
  },
  { name: "contactRateTarget", label: "Contact rate target (%)" },
];

const textOf = (value: unknown) => (typeof value === "string" ? value : "");

/** The organisation's settings in one form: saved together or not at all. */
export function SettingsForm({ initial }: { initial: SettingsValues }) {
  const [state, action, pending] = useActionState(saveSettingsAction, idle);
  const values = state.values ?? initial;
  // One empty row more than the rates held, to add a currency.
  const rates = [...(values.rates ?? []), { currency: "", rate: "" }];

  const field = ({ name, label, hint }: FieldSpec) => {
    const error = state.fields[name];
    const describedBy = [hint ? `${name}-hint` : "", `${name}-error`]
      .join(" ")
      .trim();

    return (
      <label key={name} className="grid gap-1 text-sm">
        <span className="font-medium">{label}</span>
        <input
          name={name}
          defaultValue={textOf(values[name])}
          className={input}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
        />
        {hint ? (
          <span
            id={`${name}-hint`}
            className="text-slate-600 dark:text-slate-400"
          >
            {hint}
          </span>
        ) : null}
        <span id={`${name}-error`} className="text-red-700 dark:text-red-400">
          {error}
        </span>
      </label>
    );
  };

  return (
    <form
      key={state.stamp}
      action={action}
      aria-label="Settings"
      className="grid gap-6"
    >
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Organisation and reporting</legend>
        {organisationFields.map(field)}
      </fieldset>
      <fieldset className="grid gap-2">
        <legend className="mb-2 font-medium">Currency rates</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Units of the report currency one unit of each currency is worth. The
          report currency&apos;s own rate is 1. Empty a row to remove it.
        </p>
        {rates.map((row, index) => {
          const currencyError = state.fields[`rates.${index}.currency`];
          const rateError = state.fields[`rates.${index}.rate`];

          return (
            <div key={index} className="flex flex-wrap items-start gap-3">
              <label className="grid gap-1 text-sm">
                <span>Currency {index + 1}</span>
                <input
                  name={`rates.${index}.currency`}
                  defaultValue={row.currency}
                  className={`${input} w-24`}
                  aria-invalid={Boolean(currencyError)}
                  aria-describedby={`rates-${index}-currency-error`}
                />
                <span
                  id={`rates-${index}-currency-error`}
                  className="text-red-700 dark:text-red-400"
                >
                  {currencyError}
                </span>
              </label>
              <label className="grid gap-1 text-sm">
                <span>Rate of currency {index + 1}</span>
                <input
                  name={`rates.${index}.rate`}
                  defaultValue={row.rate}
                  inputMode="decimal"
                  className={`${input} w-32`}
                  aria-invalid={Boolean(rateError)}
                  aria-describedby={`rates-${index}-rate-error`}
                />
                <span
                  id={`rates-${index}-rate-error`}
                  className="text-red-700 dark:text-red-400"
                >
                  {rateError}
                </span>
              </label>
            </div>
          );
        })}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Contact and policy</legend>
        {contactFields.map(field)}
      </fieldset>
      <SaveFooter label="Save settings" pending={pending} state={state} />
    </form>
  );
}
