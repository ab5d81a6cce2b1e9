"use client";

import { useActionState } from "react";
import type { SlotForm } from "@/lib/settings/slots";
import { saveSlotsAction } from "../actions";
import { CellInput } from "./cell-input";
import { SaveFooter, idleForm } from "./save-footer";

const idle = idleForm<SlotForm[]>();

// Empty rows below the slots, to add one; a slot is removed by emptying
// its row.
const spareRows = 2;

/** The organisation's slots, saved together or not at all. */
export function SlotsForm({ slots }: { slots: SlotForm[] }) {
  const [state, action, pending] = useActionState(saveSlotsAction, idle);
  const shown = state.values ?? [
    ...slots,
    ...Array.from({ length: spareRows }, () => ({
      name: "",
      start: "",
      end: "",
    })),
  ];
  const field = (index: number, part: keyof SlotForm, label: string) => {
    const name = `slots.${index}.${part}`;

    return (
      <CellInput
        name={name}
        defaultValue={shown[index]?.[part] ?? ""}
        inputMode={part === "name" ? undefined : "numeric"}
        width={part === "name" ? "w-28 sm:w-40" : "w-14 sm:w-20"}
        label={`Slot ${index + 1}: ${label}`}
        error={state.fields[name]}
        errorId={`slot-${index}-${part}-error`}
      />
    );
  };

  return (
    <form
      key={state.stamp}
      action={action}
      aria-label="Slots"
      className="grid gap-3"
    >
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-2 font-medium sm:pr-4">
                Slot
              </th>
              <th scope="col" className="py-2 pr-2 font-medium sm:pr-4">
                From (hour)
              </th>
              <th scope="col" className="py-2 pr-2 font-medium sm:pr-4">
                To (hour)
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((_, index) => (
              <tr
                key={index}
                className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
              >
                {field(index, "name", "name")}
                {field(index, "start", "from hour")}
                {field(index, "end", "to hour")}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.fields.slots ? (
        <p className="text-sm text-red-700 dark:text-red-400">
          {state.fields.slots}
        </p>
      ) : null}
      <SaveFooter label="Save slots" pending={pending} state={state} />
    </form>
  );
}
