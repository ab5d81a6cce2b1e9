import type { Metadata } from "next";
import { listAuditEntries } from "@/lib/audit-log";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePageUser("viewAuditLog");
  const db = await getDb();
  const [entries, settings] = await Promise.all([
    listAuditEntries(db),
    getSettings(db),
  ]);
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: settings.reportTimezone,
  });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The latest 200 sign-ins, sign-outs, imports and their undos, API keys,
        settings, and changes to users (roles, deactivations, reactivations,
        password resets), in {settings.reportTimezone}.
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                When
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Who
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                What
              </th>
              <th scope="col" className="py-2 font-medium">
                Details
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr
                key={entry.id}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800"
              >
                <td className="py-2 pr-4 whitespace-nowrap tabular-nums">
                  {format.format(entry.at)}
                </td>
                <td className="py-2 pr-4">
                  {entry.userName ?? "unknown account"}
                </td>
                <td className="py-2 pr-4">
                  {entry.action.replaceAll("_", " ")}
                </td>
                <td className="py-2 font-mono text-xs">
                  {entry.details ? JSON.stringify(entry.details) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
