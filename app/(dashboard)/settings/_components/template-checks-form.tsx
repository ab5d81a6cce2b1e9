"use client";

import { useActionState } from "react";
import type { TemplateChecks } from "@/lib/settings/template-checks";
import { type ChecksState, saveTemplateChecksAction } from "../actions";
import { SaveFooter } from "./save-footer";

const idle: ChecksState = { status: "idle", message: "" };

const columns = [
  { check: "namesCompanyAndPerson", label: "Names company and person" },
  { check: "statesReason", label: "States the reason" },
  { check: "professionalTone", label: "Professional tone" },
  { check: "oneNextStep", label: "One next step" },
] as const;

/** The four checks of every recovery template, saved together. */
export function TemplateChecksForm({ rows }: { rows: TemplateChecks[] }) {
  const [state, action, pending] = useActionState(
    saveTemplateChecksAction,
    idle,
  );

  return (
    <form action={action} aria-label="Template checks" className="grid gap-3">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                Template
              </th>
              {columns.map((column) => (
                <th
                  key={column.check}
                  scope="col"
                  className="py-2 pr-4 font-medium"
                >
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.id}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800"
              >
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  {row.name}
                  <input type="hidden" name="templateId" value={row.id} />
                </th>
                {columns.map((column) => (
                  <td key={column.check} className="py-2 pr-4">
                    <input
                      type="checkbox"
                      name={`${row.id}.${column.check}`}
                      defaultChecked={row[column.check]}
                      aria-label={`${row.name}: ${column.label}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SaveFooter label="Save checks" pending={pending} state={state} />
    </form>
  );
}
