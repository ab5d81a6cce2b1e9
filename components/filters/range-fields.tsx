"use client";

import { useState } from "react";
import { rangePresets } from "@/lib/filters/presets";

const field =
  "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/** The period select and its dates: editing a date switches to custom. */
export function RangeFields({
  range,
  from,
  to,
}: {
  range: string;
  from: string;
  to: string;
}) {
  const [selected, setSelected] = useState(range);

  return (
    <>
      <label className="flex flex-col">
        <span className="font-medium">Period</span>
        <select
          name="range"
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          className={field}
        >
          {rangePresets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      <label className="flex flex-col">
        <span className="font-medium">From</span>
        <input
          type="date"
          name="from"
          defaultValue={from}
          onChange={() => setSelected("custom")}
          className={field}
        />
      </label>
      <label className="flex flex-col">
        <span className="font-medium">To</span>
        <input
          type="date"
          name="to"
          defaultValue={to}
          onChange={() => setSelected("custom")}
          className={field}
        />
      </label>
    </>
  );
}
