"use client";

import { useActionState } from "react";
import { saveSourceCostsAction } from "../actions";
import { CellInput } from "./cell-input";
import { SaveFooter, idleForm } from "./save-footer";

const idle = idleForm<Record<string, string>>();

/** A source's saved cost as the form shows it: the amount in major units,
 * empty when unknown. */
export type SourceCostRow = {
  id: number;
  name: string;
  amount: string;
  currency: string;
};

/** The cost per lead of every source, saved together or not at all. */
export function SourceCostsForm({ rows }: { rows: SourceCostRow[] }) {
  const [state, action, pending] = useActionState(saveSourceCostsAction, idle);
  const valueOf = (row: SourceCostRow, field: "amount" | "currency") =>
    state.values?.[`${row.id}.${field}`] ?? row[field];

  return (
    <form
      key={state.stamp}
      action={action}
      aria-label="Source costs"
      className="grid gap-3"
    >
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                Source
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Cost per lead
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Currency
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const amountError = state.fields[`${row.id}.amount`];
              const currencyError = state.fields[`${row.id}.currency`];

              return (
                <tr
                  key={row.id}
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                >
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    {row.name}
                    <input type="hidden" name="sourceId" value={row.id} />
                  </th>
                  <CellInput
                    name={`${row.id}.amount`}
                    defaultValue={valueOf(row, "amount")}
                    inputMode="decimal"
                    width="w-32"
                    label={`${row.name}: cost per lead`}
                    error={amountError}
                    errorId={`source-${row.id}-amount-error`}
                  />
                  <CellInput
                    name={`${row.id}.currency`}
                    defaultValue={valueOf(row, "currency")}
                    width="w-24"
                    label={`${row.name}: currency`}
                    error={currencyError}
                    errorId={`source-${row.id}-currency-error`}
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SaveFooter label="Save costs" pending={pending} state={state} />
    </form>
  );
}
