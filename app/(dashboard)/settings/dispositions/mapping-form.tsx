"use client";

import { useActionState } from "react";
import { changeMappingAction, type MappingState } from "./actions";

const idle: MappingState = { status: "idle" };

/** One code's disposition, changed in place. */
export function MappingForm({
  origin,
  code,
  dispositionId,
  dispositions,
}: {
  origin: string;
  code: string;
  dispositionId: number;
  dispositions: { id: number; name: string }[];
}) {
  const [state, action, pending] = useActionState(changeMappingAction, idle);

  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="origin" value={origin} />
      <input type="hidden" name="code" value={code} />
      <select
        name="dispositionId"
        defaultValue={dispositionId}
        aria-label={`Disposition of ${origin} code ${code}`}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
      >
        {dispositions.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="underline">
        {pending ? "Saving…" : "Save"}
      </button>
      {state.status === "idle" ? null : (
        <span
          role="status"
          className={
            state.status === "error"
              ? "text-red-700 dark:text-red-400"
              : "text-slate-600 dark:text-slate-400"
          }
        >
          {state.message}
        </span>
      )}
    </form>
  );
}
