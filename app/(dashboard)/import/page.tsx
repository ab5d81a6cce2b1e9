import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listPresets } from "@/lib/import";
import { listImportRuns } from "@/lib/import/undo";
import { getSettings } from "@/lib/settings";
import { HistoryTable } from "./history-table";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requirePageUser("importData");
  const db = await getDb();
  const [runs, settings] = await Promise.all([
    listImportRuns(db),
    getSettings(db),
  ]);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Import a file</h1>
      <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        A file is imported as one transaction: when a row is invalid nothing is
        written, and the problems are listed with their row and column.
        Importing the same file again changes nothing.
      </p>
      <ImportForm
        presets={listPresets()}
        organisationTimezone={settings.organisationTimezone}
      />
      <section
        aria-labelledby="history-heading"
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="history-heading" className="mb-1 font-medium">
          Imports so far
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Undo removes every lead and attempt an import inserted. Only imports
          that inserted all they wrote can be undone: the earlier values of
          records an import updated are not kept, so they could not be restored.
          Undo is also refused when later imports changed the records or added
          attempts to the leads.
        </p>
        <HistoryTable runs={runs} timeZone={settings.reportTimezone} />
      </section>
    </div>
  );
}
