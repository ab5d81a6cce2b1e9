"use client";

import { useActionState } from "react";

type RowState = { error: string | null };

const initial: RowState = { error: null };

/** A button acting on one row of a table (a user, a key), with the
 * refusal of its last click beside it. */
export function RowActionButton({
  action,
  field,
  value,
  label,
  danger = false,
}: {
  action: (previous: RowState, form: FormData) => Promise<RowState>;
  /** The hidden field naming the row, and its value. */
  field: string;
  value: number;
  label: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initial);

  return (
    <form action={formAction}>
      <input type="hidden" name={field} value={value} />
      <button
        type="submit"
        disabled={pending}
        className={
          danger ? "text-red-700 underline dark:text-red-400" : "underline"
        }
      >
        {label}
      </button>
      {state.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
