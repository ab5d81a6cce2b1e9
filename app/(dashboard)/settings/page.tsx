import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { formatDecimalAmount } from "@/lib/money/format-money";
import { getSettings, type Settings } from "@/lib/settings";
import type { SettingsForm as SettingsValues } from "@/lib/settings/validate";
import { listSourceCosts } from "@/lib/settings/source-costs";
import { listTemplateChecks } from "@/lib/settings/template-checks";
import { SlotsForm } from "./_components/slots-form";
import { SettingsForm } from "./_components/settings-form";
import { SourceCostsForm } from "./_components/source-costs-form";
import { TemplateChecksForm } from "./_components/template-checks-form";

export const metadata: Metadata = { title: "Settings" };

const section =
  "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

/** The saved settings as the form shows them: every value as text. */
function toFormValues(settings: Settings): SettingsValues {
  const numbers = {
    expectedLifetimeMonths: settings.expectedLifetimeMonths,
    contactWindowDays: settings.contactWindowDays,
    speedTargetMinutes: settings.speedTargetMinutes,
    duplicateWindowDays: settings.duplicateWindowDays,
    policyCalls: settings.policyCalls,
    policySlots: settings.policySlots,
    policyWindowHours: settings.policyWindowHours,
    callingHoursStart: settings.callingHoursStart,
    callingHoursEnd: settings.callingHoursEnd,
    maxCallsPerDay: settings.maxCallsPerDay,
    recoveryWindowDays: settings.recoveryWindowDays,
    minCellAttempts: settings.minCellAttempts,
    contactRateTarget: settings.contactRateTarget,
  };

  return {
    organisationName: settings.organisationName,
    reportTimezone: settings.reportTimezone,
    organisationTimezone: settings.organisationTimezone,
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
    ...Object.fromEntries(
      Object.entries(numbers).map(([name, value]) => [name, String(value)]),
    ),
    rates: Object.entries(settings.currencyRates)
      .filter(([currency]) => currency !== settings.reportCurrency)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, rate]) => ({ currency, rate: String(rate) })),
  };
}

export default async function SettingsPage() {
  await requirePageUser("manageSettings");
  const db = await getDb();
  const [settings, checks, costs] = await Promise.all([
    getSettings(db),
    listTemplateChecks(db),
    listSourceCosts(db),
  ]);
  const reportCurrency = settings.reportCurrency.trim().toUpperCase();

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        The parameters of the metric definitions. A change to a definition
        (report zone, windows, speed target, policy, calling hours, daily
        maximum, lifetime, currency and rates) recomputes every figure when it
        is saved, which can take a while on a large data set. The outcome codes
        are mapped on the{" "}
        <Link href="/settings/dispositions" className="underline">
          Dispositions
        </Link>{" "}
        page.
      </p>
      <section aria-labelledby="settings-heading" className={section}>
        <h2 id="settings-heading" className="sr-only">
          Organisation, reporting, contact and policy
        </h2>
        <SettingsForm initial={toFormValues(settings)} />
      </section>
      <section aria-labelledby="slots-heading" className={section}>
        <h2 id="slots-heading" className="mb-3 font-medium">
          Slots
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          The parts of a lead&apos;s local day, in whole hours from 0 to 24,
          that the contact policy counts: a slot runs from its first hour up to
          its last, and no two overlap. Empty a row to remove its slot. Saving
          recomputes the figures.
        </p>
        <SlotsForm
          slots={settings.slots.map((slot) => ({
            name: slot.name,
            start: String(slot.startHour),
            end: String(slot.endHour),
          }))}
        />
      </section>
      <section aria-labelledby="costs-heading" className={section}>
        <h2 id="costs-heading" className="mb-3 font-medium">
          Source costs
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          What one lead of each source costs, such as 35 or 35.50; empty when
          unknown. The currency is {reportCurrency} or one with a rate above, so
          that the cost can be converted. The Sources page reads the costs when
          it runs.
        </p>
        {costs.length === 0 ? (
          <p className="text-sm">No sources yet.</p>
        ) : (
          <SourceCostsForm
            rows={costs.map((row) => ({
              id: row.id,
              name: row.name,
              amount:
                row.costPerLeadMinor === null
                  ? ""
                  : formatDecimalAmount(
                      row.costPerLeadMinor,
                      row.costCurrency ?? reportCurrency,
                    ),
              currency: row.costCurrency ?? reportCurrency,
            }))}
          />
        )}
      </section>
      <section aria-labelledby="checks-heading" className={section}>
        <h2 id="checks-heading" className="mb-3 font-medium">
          Template checks
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          The four checks of a good recovery message, for each template. The
          recovery figures read them when they run.
        </p>
        {checks.length === 0 ? (
          <p className="text-sm">No recovery templates yet.</p>
        ) : (
          <TemplateChecksForm rows={checks} />
        )}
      </section>
    </div>
  );
}
