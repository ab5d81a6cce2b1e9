import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { listPresets } from "@/lib/import";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  await requirePageUser("importData");

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Import a file</h1>
      <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-400">
        A file is imported as one transaction: when a row is invalid nothing is
        written, and the problems are listed with their row and column.
        Importing the same file again changes nothing.
      </p>
      <ImportForm presets={listPresets()} />
    </div>
  );
}
