import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import {
  type DispositionCodeRow,
  listDispositionCodes,
  listDispositionNames,
} from "@/lib/import/disposition-mapping";
import { MappingForm } from "./mapping-form";

export const metadata: Metadata = { title: "Dispositions" };

function groupByOrigin(rows: DispositionCodeRow[]) {
  const groups = new Map<string, DispositionCodeRow[]>();
  for (const row of rows)
    groups.set(row.origin, [...(groups.get(row.origin) ?? []), row]);

  return [...groups.entries()];
}

export default async function DispositionsPage() {
  await requirePageUser("manageSettings");
  const db = await getDb();
  const [codes, dispositions] = await Promise.all([
    listDispositionCodes(db),
    listDispositionNames(db),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dispositions</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Each system writes its own outcome codes. Here each code maps to one of
        Reachboard&apos;s dispositions, whose flags the figures read. Records
        keep their code as written, so a change here reclassifies every lead and
        attempt with that code at once, without importing again.
      </p>
      {groupByOrigin(codes).map(([origin, rows]) => (
        <section
          key={origin}
          aria-labelledby={`origin-${origin}`}
          className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id={`origin-${origin}`} className="mb-3 font-medium">
            Origin {origin}
          </h2>
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-700">
                <th scope="col" className="py-2 pr-4 font-medium">
                  Code
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  Records
                </th>
                <th scope="col" className="py-2 font-medium">
                  Disposition
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.code}
                  className="border-b border-slate-100 last:border-0 dark:border-slate-800"
                >
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    {row.code}
                  </th>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {row.records.toLocaleString("en-US")}
                  </td>
                  <td className="py-2">
                    <MappingForm
                      origin={row.origin}
                      code={row.code}
                      dispositionId={row.dispositionId}
                      dispositions={dispositions}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
